using ComplianceOs.Domain.Entities;
using ComplianceOs.Domain.Entities.UpdateLegalEntity;

namespace ComplianceOs.Domain.Tests.Entities;

/// <summary>The stamp an entity's edit form carries: the same for the same entity, different once anything changes.</summary>
public class EditStampTests
{
    private static LegalEntity Entity(params string[] gstins)
    {
        var id = Guid.Parse("ac000000-0000-4000-8000-0000000000e1");
        var entity = new LegalEntity { Id = id, Name = "Acme India Pvt Ltd", StateCode = "27", Pan = "AAACA1234F", ProfessionalTaxStates = ["27"] };
        entity.GstRegistrations.AddRange(gstins.Select(g => new GstRegistration { Id = Guid.NewGuid(), EntityId = id, Gstin = g, StateCode = g[..2] }));
        return entity;
    }

    [Fact]
    public void StampOf_DoesNotDependOnTheOrderGstinsWereLoadedIn()
    {
        Assert.Equal(
            UpdateLegalEntityHandler.StampOf(Entity("27AAACA1234F1ZA", "29AAACA1234F1Z6")),
            UpdateLegalEntityHandler.StampOf(Entity("29AAACA1234F1Z6", "27AAACA1234F1ZA")));
    }

    [Fact]
    public void StampOf_ChangesWithAnyEditableValue()
    {
        var original = UpdateLegalEntityHandler.StampOf(Entity("27AAACA1234F1ZA"));
        var flag = Entity("27AAACA1234F1ZA");
        flag.EsiApplicable = true;
        var regime = Entity("27AAACA1234F1ZA");
        regime.GstRegistrations[0].Regime = GstRegime.Qrmp;
        var director = Entity("27AAACA1234F1ZA");
        director.DirectorUserId = Guid.NewGuid();

        Assert.All(new[] { flag, regime, director }, e => Assert.NotEqual(original, UpdateLegalEntityHandler.StampOf(e)));
    }
}
