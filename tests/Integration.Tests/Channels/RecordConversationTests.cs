using ComplianceOs.Domain.Channels;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Seeding;
using ComplianceOs.Integration.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace ComplianceOs.Integration.Tests.Channels;

[Collection(DatabaseCollection.Name)]
public class RecordConversationTests(DatabaseFixture fixture)
{
    private async Task<ConversationReference> ReferenceAsync(Guid userId)
    {
        await using var db = fixture.Dbs.ForTenant(DemoWorld.Bharat.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync();
        return await db.ConversationReferences.AsNoTracking().SingleAsync(r => r.UserId == userId && r.Channel == Channel.Teams);
    }

    [Fact]
    public async Task TheSameReference_IsNotRewrittenEveryMessage_ButAFailureOrAChangeIsWrittenAtOnce()
    {
        await fixture.Get<DemoSeed>().RunAsync(new LocalDate(2026, 11, 22));
        var record = new RecordConversation(fixture.Dbs, TimeProvider.System);
        var user = DemoWorld.Bharat.MeeraId;
        var conversation = $"a:record-{Guid.NewGuid():N}";

        await record.RecordAsync(DemoWorld.Bharat.TenantId, user, Channel.Teams, "https://smba.example/in/", conversation, "28:bot", "29:meera", DemoWorld.Bharat.TeamsTenantId, "en-IN");
        var first = await ReferenceAsync(user);
        await record.RecordAsync(DemoWorld.Bharat.TenantId, user, Channel.Teams, "https://smba.example/in/", conversation, "28:bot", "29:meera", DemoWorld.Bharat.TeamsTenantId, "en-IN");
        Assert.Equal(first.UpdatedAt, (await ReferenceAsync(user)).UpdatedAt);

        // A delivery failure is recorded; the person's next message clears it, cache or not.
        await record.RecordFailureAsync(DemoWorld.Bharat.TenantId, user, Channel.Teams, "app not installed");
        Assert.Equal("app not installed", (await ReferenceAsync(user)).LastDeliveryFailure);
        await record.RecordAsync(DemoWorld.Bharat.TenantId, user, Channel.Teams, "https://smba.example/in/", conversation, "28:bot", "29:meera", DemoWorld.Bharat.TeamsTenantId, "en-IN");
        Assert.Null((await ReferenceAsync(user)).LastDeliveryFailure);

        // A different conversation is written at once.
        await record.RecordAsync(DemoWorld.Bharat.TenantId, user, Channel.Teams, "https://smba.example/in/", conversation + "-new", "28:bot", "29:meera", DemoWorld.Bharat.TeamsTenantId, "en-IN");
        Assert.Equal(conversation + "-new", (await ReferenceAsync(user)).ConversationId);
    }
}
