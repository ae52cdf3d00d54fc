using ComplianceOs.Domain.Audit;
using ComplianceOs.Domain.Common;
using NodaTime;

namespace ComplianceOs.Domain.Tests.Audit;

public class AuditCanonicalFormTests
{
    private static AuditEntry Sample() => new()
    {
        Id = Guid.Parse("11111111-1111-1111-1111-111111111111"),
        TenantId = Guid.Parse("ac000000-0000-4000-8000-000000000001"),
        Sequence = 7,
        ActorKind = ActorKind.User,
        ActorId = Guid.Parse("ac000000-0000-4000-8000-000000000101"),
        ActorName = "Priya \"P\" Sharma",
        Channel = Channel.Teams,
        Action = AuditAction.UserCreated,
        TargetType = "User",
        TargetId = "42",
        Before = null,
        After = "{\"name\": \"Ānanyā\", \"roles\": [\"Owner\"]}",
        CorrelationId = "activity-1",
        OccurredAt = Instant.FromUtc(2026, 11, 22, 19, 44, 13) + Duration.FromTicks(1234560),
        PreviousHash = AuditCanonicalForm.GenesisHash,
        Hash = string.Empty,
    };

    [Fact]
    public void Render_IsTheDocumentedArray()
    {
        var rendered = AuditCanonicalForm.Render(Sample());

        Assert.Equal(
            "[\"v1\",\"ac000000-0000-4000-8000-000000000001\",7,\"2026-11-22T19:44:13.123456Z\",\"User\"," +
            "\"ac000000-0000-4000-8000-000000000101\",\"Priya \\u0022P\\u0022 Sharma\",\"Teams\",\"UserCreated\",\"User\",\"42\"," +
            "\"activity-1\",null,\"{\\u0022name\\u0022: \\u0022\\u0100nany\\u0101\\u0022, \\u0022roles\\u0022: [\\u0022Owner\\u0022]}\"," +
            "\"0000000000000000000000000000000000000000000000000000000000000000\"]",
            rendered);
    }

    [Fact]
    public void ComputeHash_IsLowerHexSha256AndDeterministic()
    {
        var a = AuditCanonicalForm.ComputeHash(Sample());
        var b = AuditCanonicalForm.ComputeHash(Sample());

        Assert.Equal(a, b);
        Assert.Matches("^[0-9a-f]{64}$", a);
    }

    public static TheoryData<string> Mutations() => ["tenant", "sequence", "time", "actor", "channel", "action", "target", "after", "previous"];

    [Theory]
    [MemberData(nameof(Mutations))]
    public void ComputeHash_ChangesWhenAnyCoveredFieldChanges(string field)
    {
        var original = AuditCanonicalForm.ComputeHash(Sample());
        var e = Sample();
        switch (field)
        {
            case "tenant": e.TenantId = Guid.NewGuid(); break;
            case "sequence": e.Sequence++; break;
            case "time": e.OccurredAt += Duration.FromTicks(10); break;
            case "actor": e.ActorName += "x"; break;
            case "channel": e.Channel = Channel.Slack; break;
            case "action": e.Action = AuditAction.UserUpdated; break;
            case "target": e.TargetId = "43"; break;
            case "after": e.After = "{\"name\": \"Ananya\"}"; break;
            case "previous": e.PreviousHash = new string('1', 64); break;
        }

        Assert.NotEqual(original, AuditCanonicalForm.ComputeHash(e));
    }

    [Fact]
    public void ToStoredPrecision_TruncatesToMicroseconds()
    {
        var t = Instant.FromUnixTimeTicks(17_000_000_000_000_007);
        Assert.Equal(Instant.FromUnixTimeTicks(17_000_000_000_000_000), AuditCanonicalForm.ToStoredPrecision(t));
    }

    [Theory]
    [InlineData(1L, "0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData(7L, "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")]
    [InlineData(123456789012L, "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff")]
    public void RenderAroundHead_PlusTheHead_IsTheCanonicalForm(long sequence, string previousHash)
    {
        var entry = Sample();
        entry.Sequence = sequence;
        entry.PreviousHash = previousHash;
        var (prefix, middle, suffix) = AuditCanonicalForm.RenderAroundHead(AuditCanonicalForm.HashInput.From(entry));

        Assert.Equal(AuditCanonicalForm.Render(entry), prefix + sequence.ToString(System.Globalization.CultureInfo.InvariantCulture) + middle + previousHash + suffix);
    }
}
