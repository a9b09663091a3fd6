using PhoneNumbers;

namespace Tandem.Voice.Entities;

/// <summary>Region codes as libphonenumber knows them, plus the postcode systems this folder implements.</summary>
internal static class Regions
{
    /// <summary>The upper-case ISO code for <paramref name="region"/>; "UK" (not an ISO code, but what people write) becomes "GB".</summary>
    public static string Canonical(string region)
    {
        ArgumentNullException.ThrowIfNull(region, "DefaultRegion");
        var code = region.Trim().ToUpperInvariant();
        if (code == "UK")
        {
            code = "GB";
        }

        if (!PhoneNumberUtil.GetInstance().GetSupportedRegions().Contains(code))
        {
            throw new ArgumentException($"Default region '{region}' is not an ISO 3166-1 alpha-2 region libphonenumber knows (for example US or GB).", "DefaultRegion");
        }

        return code;
    }

    /// <summary>The postcode system of <paramref name="region"/>; only US ZIP codes and UK postcodes are implemented.</summary>
    public static bool IsUkPostcodeRegion(string region)
    {
        var code = Canonical(region);
        return code switch
        {
            "GB" => true,
            "US" => false,
            _ => throw new ArgumentException($"Postcodes are implemented for US (ZIP) and GB (UK postcodes), not for region '{region}'.", "DefaultRegion"),
        };
    }
}
