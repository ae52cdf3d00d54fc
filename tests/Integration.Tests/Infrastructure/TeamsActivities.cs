using System.Text.Json.Nodes;
using ComplianceOs.Domain.Seeding;

namespace ComplianceOs.Integration.Tests.Infrastructure;

/// <summary>Inbound Teams activities from a person of the demo world's Acme, in their personal chat, as Teams sends them.</summary>
public static class TeamsActivities
{
    public static JsonObject Personal(string aad, string type, string serviceUrl, string? text = null)
    {
        var activity = new JsonObject
        {
            ["type"] = type,
            ["id"] = Guid.NewGuid().ToString(),
            ["channelId"] = "msteams",
            ["serviceUrl"] = serviceUrl,
            ["locale"] = "en-IN",
            ["from"] = new JsonObject { ["id"] = $"29:{aad}", ["aadObjectId"] = aad },
            ["recipient"] = new JsonObject { ["id"] = "28:bot" },
            ["conversation"] = new JsonObject { ["id"] = $"a:{aad}", ["conversationType"] = "personal", ["tenantId"] = DemoWorld.Acme.TeamsTenantId },
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = DemoWorld.Acme.TeamsTenantId } },
        };
        if (text is not null)
        {
            activity["text"] = text;
        }

        return activity;
    }
}
