using System.Text.Json;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Entities.Identifiers;
using ComplianceOs.Domain.Masters;
using NodaTime;
using NodaTime.Text;

namespace ComplianceOs.Domain.Rules;

/// <summary>
/// Parses and validates a due-date rule (schema in docs/rules.md). Every problem is reported with its JSON path,
/// e.g. <c>dueDateRule.variants[0].due.day</c>; nothing is guessed.
/// </summary>
public static class DueDateRuleParser
{
    public static readonly IReadOnlyList<string> Events = ["agm"];

    public static DueDateRule? Parse(string? json, ComplianceFrequency frequency, Validation v, string field = "dueDateRule")
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            v.Add(field, "is required");
            return null;
        }

        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            v.Add(field, $"is not valid JSON ({ex.Message})");
            return null;
        }

        using (doc)
        {
            return Parse(doc.RootElement, frequency, v, field);
        }
    }

    private static DueDateRule? Parse(JsonElement root, ComplianceFrequency frequency, Validation v, string field)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            v.Add(field, "must be a JSON object with \"variants\"");
            return null;
        }

        var errors = v.Errors.Count;
        Json.OnlyKnown(root, field, v, "variants", "slots");
        var slots = root.TryGetProperty("slots", out var s) ? Json.Strings(s, $"{field}.slots", v).Select(x => x.Value).ToList() : null;
        var validSlots = Period.InFinancialYear(frequency, 2024).Select(p => p.Slot).ToList();
        foreach (var (slot, i) in (slots ?? []).Select((x, i) => (x, i)))
        {
            if (!validSlots.Contains(slot))
            {
                v.Add($"{field}.slots[{i}]", $"'{slot}' is not a {frequency} period slot ({string.Join(", ", validSlots)})");
            }
        }

        var variants = new List<RuleVariant>();
        if (!root.TryGetProperty("variants", out var vs) || vs.ValueKind != JsonValueKind.Array || vs.GetArrayLength() == 0)
        {
            v.Add($"{field}.variants", "must be a non-empty array");
        }
        else
        {
            var i = 0;
            foreach (var item in vs.EnumerateArray())
            {
                if (ParseVariant(item, frequency, v, $"{field}.variants[{i}]") is { } variant)
                {
                    variants.Add(variant);
                }

                i++;
            }
        }

        return v.Errors.Count > errors ? null : new DueDateRule(variants, slots);
    }

    private static RuleVariant? ParseVariant(JsonElement e, ComplianceFrequency frequency, Validation v, string path)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            v.Add(path, "must be an object");
            return null;
        }

        var errors = v.Errors.Count;
        Json.OnlyKnown(e, path, v, "effectiveFrom", "effectiveTo", "when", "due", "shift", "note");
        var from = Date(e, "effectiveFrom", path, v);
        var to = Date(e, "effectiveTo", path, v);
        if (from is { } f && to is { } t && t < f)
        {
            v.Add($"{path}.effectiveTo", $"{t:uuuu-MM-dd} is before effectiveFrom {f:uuuu-MM-dd}");
        }

        var when = e.TryGetProperty("when", out var w) ? Applicability.Parse(w, $"{path}.when", v) : null;
        var shift = false;
        if (e.TryGetProperty("shift", out var sh))
        {
            var value = sh.ValueKind == JsonValueKind.String ? sh.GetString() : null;
            if (value is "none" or "nextWorkingDay")
            {
                shift = value == "nextWorkingDay";
            }
            else
            {
                v.Add($"{path}.shift", "must be \"none\" or \"nextWorkingDay\"");
            }
        }

        var note = e.TryGetProperty("note", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
        DueSpec? due = null;
        if (!e.TryGetProperty("due", out var d) || d.ValueKind != JsonValueKind.Object)
        {
            v.Add($"{path}.due", "is required (an object with \"kind\")");
        }
        else
        {
            due = ParseDue(d, frequency, v, $"{path}.due");
        }

        return v.Errors.Count > errors || due is null ? null : new RuleVariant(from, to, when, due, shift, note);
    }

    private static DueSpec? ParseDue(JsonElement d, ComplianceFrequency frequency, Validation v, string path)
    {
        var kind = Json.String(d, "kind", path, v);
        switch (kind)
        {
            case null:
                return null;
            case "dayOfMonthAfter":
                Json.OnlyKnown(d, path, v, "kind", "monthsAfter", "day", "exceptions");
                RequireFrequency(frequency, path, v, kind, ComplianceFrequency.Monthly, ComplianceFrequency.Quarterly, ComplianceFrequency.HalfYearly, ComplianceFrequency.Annual);
                var monthsAfter = Json.Int(d, "monthsAfter", path, v, 0, 24);
                var day = Day(d, path, v);
                var exceptions = new List<MonthException>();
                if (d.TryGetProperty("exceptions", out var ex))
                {
                    if (ex.ValueKind != JsonValueKind.Array)
                    {
                        v.Add($"{path}.exceptions", "must be an array");
                    }
                    else
                    {
                        var i = 0;
                        foreach (var x in ex.EnumerateArray())
                        {
                            var xp = $"{path}.exceptions[{i++}]";
                            Json.OnlyKnown(x, xp, v, "periodEndMonth", "monthsAfter", "day");
                            var pem = Json.Int(x, "periodEndMonth", xp, v, 1, 12);
                            var xm = Json.Int(x, "monthsAfter", xp, v, 0, 24);
                            var xd = Day(x, xp, v);
                            if (pem is { } a && xm is { } b && xd is { } c)
                            {
                                exceptions.Add(new MonthException(a, b, c));
                            }
                        }
                    }
                }

                return monthsAfter is { } ma && day is { } dd ? new DayOfMonthAfter(ma, dd, exceptions) : null;
            case "fixedDate":
                Json.OnlyKnown(d, path, v, "kind", "dates");
                RequireFrequency(frequency, path, v, kind, ComplianceFrequency.Quarterly, ComplianceFrequency.HalfYearly, ComplianceFrequency.Annual);
                if (!d.TryGetProperty("dates", out var dates) || dates.ValueKind != JsonValueKind.Object)
                {
                    v.Add($"{path}.dates", "is required: an object from period slot (Q1…, H1…, FY) to {\"month\", \"day\"}");
                    return null;
                }

                var map = new Dictionary<string, AnnualDate>();
                var slots = Period.InFinancialYear(frequency, 2024).Select(p => p.Slot).ToList();
                foreach (var p in dates.EnumerateObject())
                {
                    var dp = $"{path}.dates.{p.Name}";
                    if (!slots.Contains(p.Name))
                    {
                        v.Add(dp, $"'{p.Name}' is not a {frequency} period slot ({string.Join(", ", slots)})");
                        continue;
                    }

                    if (AnnualDateOf(p.Value, dp, v) is { } ad)
                    {
                        map[p.Name] = ad;
                    }
                }

                foreach (var slot in slots.Where(x => !map.ContainsKey(x) && !dates.TryGetProperty(x, out _)))
                {
                    v.Add($"{path}.dates.{slot}", "is missing: every period slot needs a date");
                }

                return new FixedDate(map);
            case "stateDay":
                Json.OnlyKnown(d, path, v, "kind", "monthsAfter", "groups");
                RequireFrequency(frequency, path, v, kind, ComplianceFrequency.Monthly, ComplianceFrequency.Quarterly, ComplianceFrequency.HalfYearly, ComplianceFrequency.Annual);
                var sm = Json.Int(d, "monthsAfter", path, v, 0, 24);
                var groups = new List<StateGroup>();
                if (!d.TryGetProperty("groups", out var gs) || gs.ValueKind != JsonValueKind.Array || gs.GetArrayLength() == 0)
                {
                    v.Add($"{path}.groups", "must be a non-empty array of {\"day\", \"states\"}");
                }
                else
                {
                    var seen = new HashSet<string>();
                    var i = 0;
                    foreach (var g in gs.EnumerateArray())
                    {
                        var gp = $"{path}.groups[{i++}]";
                        var gd = Day(g, gp, v);
                        var states = new List<string>();
                        foreach (var (st, j) in g.TryGetProperty("states", out var sts) ? Json.Strings(sts, $"{gp}.states", v) : [])
                        {
                            if (!IndianStates.IsKnownCode(st))
                            {
                                v.Add($"{gp}.states[{j}]", $"'{st}' is not a GST state code");
                            }
                            else if (!seen.Add(st))
                            {
                                v.Add($"{gp}.states[{j}]", $"state {st} is already in another group");
                            }
                            else
                            {
                                states.Add(st);
                            }
                        }

                        if (gd is { } gday)
                        {
                            groups.Add(new StateGroup(gday, states));
                        }
                    }
                }

                return sm is { } smv ? new StateDay(smv, groups) : null;
            case "instalments":
                Json.OnlyKnown(d, path, v, "kind", "items");
                RequireFrequency(frequency, path, v, kind, ComplianceFrequency.Instalments);
                var items = new List<Instalment>();
                if (!d.TryGetProperty("items", out var its) || its.ValueKind != JsonValueKind.Array || its.GetArrayLength() != 4)
                {
                    v.Add($"{path}.items", "must list the 4 instalments (month, day, cumulativePercent)");
                    return null;
                }

                var k = 0;
                var previous = 0;
                foreach (var it in its.EnumerateArray())
                {
                    var ip = $"{path}.items[{k++}]";
                    var ad = AnnualDateOf(it, ip, v, "cumulativePercent");
                    var pct = Json.Int(it, "cumulativePercent", ip, v, 1, 100);
                    if (pct is { } pc && pc <= previous)
                    {
                        v.Add($"{ip}.cumulativePercent", $"{pc} must be more than the previous instalment's {previous}");
                    }

                    if (ad is not null && pct is { } pcv)
                    {
                        items.Add(new Instalment(ad.Month, ad.Day, pcv));
                        previous = pcv;
                    }
                }

                if (items.Count == 4 && items[^1].CumulativePercent != 100)
                {
                    v.Add($"{path}.items[3].cumulativePercent", "the last instalment must reach 100");
                }

                return new Instalments(items);
            case "eventRelative":
                Json.OnlyKnown(d, path, v, "kind", "event", "days", "months", "expectedMonthsAfterPeriodEnd");
                RequireFrequency(frequency, path, v, kind, ComplianceFrequency.EventBased);
                var ev = Json.String(d, "event", path, v);
                if (ev is not null && !Events.Contains(ev))
                {
                    v.Add($"{path}.event", $"'{ev}' is not a known event ({string.Join(", ", Events)})");
                }

                var days = Json.Int(d, "days", path, v, 0, 366, required: false) ?? 0;
                var months = Json.Int(d, "months", path, v, 0, 24, required: false) ?? 0;
                if (days == 0 && months == 0)
                {
                    v.Add($"{path}.days", "days or months after the event is required");
                }

                var expected = Json.Int(d, "expectedMonthsAfterPeriodEnd", path, v, 0, 24) ?? 0;
                return ev is null ? null : new EventRelative(ev, days, months, expected);
            default:
                v.Add($"{path}.kind", $"'{kind}' is not a rule kind (dayOfMonthAfter, fixedDate, stateDay, instalments, eventRelative)");
                return null;
        }
    }

    private static void RequireFrequency(ComplianceFrequency actual, string path, Validation v, string kind, params ComplianceFrequency[] allowed)
    {
        if (!allowed.Contains(actual))
        {
            v.Add($"{path}.kind", $"'{kind}' does not fit a {actual} obligation (it fits {string.Join(", ", allowed)})");
        }
    }

    /// <summary>A day of month 1–31, or "last".</summary>
    private static int? Day(JsonElement e, string path, Validation v)
    {
        if (!e.TryGetProperty("day", out var d))
        {
            v.Add($"{path}.day", "is required (1–31 or \"last\")");
            return null;
        }

        if (d.ValueKind == JsonValueKind.String && d.GetString() == "last")
        {
            return 0;
        }

        if (d.ValueKind == JsonValueKind.Number && d.TryGetInt32(out var day) && day is >= 1 and <= 31)
        {
            return day;
        }

        v.Add($"{path}.day", "must be a day of the month from 1 to 31, or \"last\"");
        return null;
    }

    private static AnnualDate? AnnualDateOf(JsonElement e, string path, Validation v, params string[] alsoKnown)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            v.Add(path, "must be an object {\"month\", \"day\"}");
            return null;
        }

        Json.OnlyKnown(e, path, v, ["month", "day", .. alsoKnown]);
        var month = Json.Int(e, "month", path, v, 1, 12);
        var day = Json.Int(e, "day", path, v, 1, 31);
        if (month is not { } m || day is not { } d)
        {
            return null;
        }

        // 29 February is refused: it does not exist every year, and statutes do not use it.
        if (d > (m == 2 ? 28 : CalendarSystem.Iso.GetDaysInMonth(2023, m)))
        {
            v.Add($"{path}.day", $"{d} is not a day of month {m} in every year");
            return null;
        }

        return new AnnualDate(m, d);
    }

    private static LocalDate? Date(JsonElement e, string name, string path, Validation v)
    {
        if (!e.TryGetProperty(name, out var p) || p.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var parsed = p.ValueKind == JsonValueKind.String ? LocalDatePattern.Iso.Parse(p.GetString()!) : null;
        if (parsed is { Success: true })
        {
            return parsed.Value;
        }

        v.Add($"{path}.{name}", "must be a date YYYY-MM-DD");
        return null;
    }
}
