using System.ComponentModel.DataAnnotations;

namespace ComplianceOs.Jobs.Hosting;

/// <summary><c>Jobs:*</c>: whether this process runs a Hangfire server, how often the recurring work runs, and who may see the dashboard.</summary>
public sealed class JobsOptions : IValidatableObject
{
    public const string Section = "Jobs";

    /// <summary>Run a Hangfire server in this process (BotHost by default; off where a separate worker does the work).</summary>
    public bool ServerEnabled { get; set; } = true;

    [Range(1, 64)]
    public int WorkerCount { get; set; } = 4;

    /// <summary>Cron (UTC) of the generation fan-out; each tenant's run uses the tenant's own today.</summary>
    [Required]
    public string GenerateCron { get; set; } = "5 * * * *";

    /// <summary>Cron (UTC) of the recompute fan-out.</summary>
    [Required]
    public string RecomputeCron { get; set; } = "15 * * * *";

    /// <summary>Cron (UTC) of the reminder sweep fan-out; quiet hours are each tenant's own.</summary>
    [Required]
    public string RemindCron { get; set; } = "*/15 * * * *";

    /// <summary>How often a worker looks for enqueued jobs.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:05:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    public DashboardOptions Dashboard { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrEmpty(Dashboard.User) != string.IsNullOrEmpty(Dashboard.Password))
        {
            yield return new ValidationResult("Jobs:Dashboard:User and Jobs:Dashboard:Password go together (both or neither)", [nameof(Dashboard)]);
        }

        if (!string.IsNullOrEmpty(Dashboard.Password) && Dashboard.Password.Length < 12)
        {
            yield return new ValidationResult("Jobs:Dashboard:Password must be at least 12 characters", [nameof(Dashboard)]);
        }
    }
}

/// <summary>The Hangfire dashboard shows every tenant's jobs: platform operators only, from loopback, with HTTP Basic credentials.</summary>
public sealed class DashboardOptions
{
    public string? User { get; set; }

    public string? Password { get; set; }

    public bool Enabled => !string.IsNullOrEmpty(User) && !string.IsNullOrEmpty(Password);
}
