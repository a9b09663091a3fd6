namespace Tandem.Voice.Entities;

/// <summary>The kinds of alphanumeric value a voice agent has to capture exactly.</summary>
public enum EntityKind
{
    /// <summary>A phone number; canonical form E.164 (<c>+14155550123</c>).</summary>
    PhoneNumber,

    /// <summary>An order or confirmation code of letters and digits; canonical form upper case, no separators.</summary>
    OrderCode,

    /// <summary>A card-like number that passes the Luhn check; canonical form digits only.</summary>
    CardNumber,

    /// <summary>A postcode (UK style <c>SW1A 1AA</c> or US ZIP); canonical form upper case with the UK inward space.</summary>
    Postcode,

    /// <summary>A name spelled letter by letter; canonical form upper case letters (and hyphen/apostrophe).</summary>
    SpelledName,

    /// <summary>An email address; canonical form lower case.</summary>
    Email,
}
