using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Entities;
using ComplianceOs.Domain.Entities.CreateLegalEntity;

namespace ComplianceOs.Domain.Tests.Entities;

public class LegalEntityValidationTests
{
    private static CreateLegalEntityCommand Valid() => new(
        Name: "Acme India Pvt Ltd",
        Kind: "private limited",
        State: "Maharashtra",
        Pan: "aaaca1234f",
        Cin: "U74999MH2015PTC123456",
        Gstins: [new("27AAACA1234F1ZA", "monthly")],
        ProfessionalTaxStates: ["27", "Karnataka"]);

    private static (LegalEntity Entity, IReadOnlyList<Error> Errors) Build(CreateLegalEntityCommand cmd)
    {
        var v = new Validation();
        var entity = CreateLegalEntityHandler.Build(cmd, Guid.NewGuid(), v);
        return (entity, v.Errors);
    }

    private static string[] Fields(IReadOnlyList<Error> errors) => errors.OfType<ValidationError>().Select(e => e.Field).ToArray();

    [Fact]
    public void Build_NormalisesAValidEntity()
    {
        var (entity, errors) = Build(Valid());

        Assert.Empty(errors);
        Assert.Equal(EntityKind.PrivateLimited, entity.Kind);
        Assert.Equal("AAACA1234F", entity.Pan);
        Assert.Equal("27", entity.StateCode);
        Assert.Equal(["27", "29"], entity.ProfessionalTaxStates);
        var gst = Assert.Single(entity.GstRegistrations);
        Assert.Equal(GstRegime.Monthly, gst.Regime);
        Assert.Equal("27", gst.StateCode);
    }

    [Fact]
    public void Build_NamesTheGstinFieldOnABadChecksum()
    {
        var (_, errors) = Build(Valid() with { Gstins = [new("27AAACA1234F1ZB", "Monthly")] });
        Assert.Equal(["gstins[0].gstin"], Fields(errors));
        Assert.Contains("checksum", errors[0].Message);
    }

    [Fact]
    public void Build_RefusesAGstinOfAnotherPan()
    {
        var (_, errors) = Build(Valid() with { Gstins = [new("24AABCB4321M1ZX", "Monthly")] });
        Assert.Equal(["gstins[0].gstin"], Fields(errors));
        Assert.Contains("not the entity's PAN", errors[0].Message);
    }

    [Fact]
    public void Build_RefusesAPanWhoseHolderTypeDoesNotFitTheKind()
    {
        var (_, errors) = Build(Valid() with { Kind = "LLP", Cin = null, Gstins = [] });
        Assert.Equal(["pan"], Fields(errors));
        Assert.Contains("'F'", errors[0].Message);
    }

    [Fact]
    public void Build_ReportsEveryProblemAtOnce()
    {
        var (_, errors) = Build(Valid() with
        {
            Name = " ",
            Kind = "trust",
            State = "Atlantis",
            Pan = "123",
            Tan = "bad",
            Gstins = [new("27AAACA1234F1ZA", "weekly")],
            ProfessionalTaxStates = ["Narnia"],
            FinancialYearEndMonth = 13,
        });

        Assert.Equal(
            ["name", "kind", "state", "pan", "tan", "financialYearEndMonth", "professionalTaxStates[0]", "gstins[0].regime"],
            Fields(errors));
    }

    [Fact]
    public void Build_RefusesAnLlpinOnACompany()
    {
        var (_, errors) = Build(Valid() with { Llpin = "AAB-1234" });
        Assert.Equal(["llpin"], Fields(errors));
    }

    [Fact]
    public void Validation_RefusesNumericEnumText()
    {
        var v = new Validation();
        Assert.False(v.TryParseEnum<EntityKind>("kind", "2", out _));
        Assert.Equal("kind", Assert.IsType<ValidationError>(Assert.Single(v.Errors)).Field);
    }
}
