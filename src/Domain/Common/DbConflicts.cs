using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ComplianceOs.Domain.Common;

/// <summary>Turns a unique-key or foreign-key violation into a typed error naming the field; the transaction rolls back.</summary>
public static class DbConflicts
{
    public static bool TryMap(DbUpdateException exception, IReadOnlyDictionary<string, string> constraintFields, out Error error)
    {
        if (exception.InnerException is PostgresException pg)
        {
            var field = pg.ConstraintName is not null && constraintFields.TryGetValue(pg.ConstraintName, out var f) ? f : pg.ConstraintName ?? "record";
            switch (pg.SqlState)
            {
                case PostgresErrorCodes.UniqueViolation:
                    error = new ConflictError(field, "already exists");
                    return true;
                case PostgresErrorCodes.ForeignKeyViolation:
                    error = new ValidationError(field, "refers to something that does not exist in this tenant");
                    return true;
                case PostgresErrorCodes.CheckViolation:
                    error = new ValidationError(field, $"breaks the rule {pg.ConstraintName}");
                    return true;
            }
        }

        error = null!;
        return false;
    }
}
