using System.Net.Mail;
using ComplianceOs.Domain.Audit;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace ComplianceOs.Domain.Tenancy.CreatePlatformOperator;

public sealed record CreatePlatformOperatorCommand(string Name, string Email, Guid? Id = null);

/// <summary>Creates an operator account outside any tenant; recorded in the platform audit chain.</summary>
public sealed class CreatePlatformOperatorHandler(ComplianceDbFactory dbs, AuditLog audit, TimeProvider clock)
{
    private static readonly Dictionary<string, string> ConstraintFields = new()
    {
        ["pk_platform_operators"] = "id",
        ["ix_platform_operators_email"] = "email",
    };

    public async Task<CommandResult<PlatformOperator>> HandleAsync(PlatformContext ctx, CreatePlatformOperatorCommand cmd, CancellationToken ct = default)
    {
        if (ctx.Actor.Kind == ActorKind.User)
        {
            return new ForbiddenError("Only a platform operator can create operator accounts.");
        }

        var v = new Validation();
        v.Required("name", cmd.Name, 200);
        v.Required("email", cmd.Email, 320);
        if (!string.IsNullOrWhiteSpace(cmd.Email) && !MailAddress.TryCreate(cmd.Email.Trim(), out _))
        {
            v.Add("email", $"'{cmd.Email}' is not an email address");
        }

        if (v.HasErrors)
        {
            return CommandResult<PlatformOperator>.Failure(v.Errors);
        }

        var op = new PlatformOperator
        {
            Id = cmd.Id ?? Guid.CreateVersion7(),
            Name = cmd.Name.Trim(),
            Email = cmd.Email.Trim().ToLowerInvariant(),
            CreatedAt = Instant.FromDateTimeOffset(clock.GetUtcNow()),
        };

        await using var db = dbs.ForPlatform();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.PlatformOperators.Add(op);
        try
        {
            await audit.AppendAsync(
                db, AuditLog.PlatformChain, ctx.Actor, ctx.Channel, ctx.CorrelationId,
                new AuditRecord(AuditAction.PlatformOperatorCreated, "PlatformOperator", op.Id.ToString(), null, new { op.Id, op.Name, op.Email }),
                ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException ex) when (DbConflicts.TryMap(ex, ConstraintFields, out var error))
        {
            return error;
        }

        return op;
    }
}
