namespace Tandem.Voice.Corpus;

/// <summary>The fixed word lists the generator draws from and the renderer reads back. Any edit, even appending,
/// changes which entries a seed picks: edit them as you would a data format.</summary>
internal static class EntityWordLists
{
    /// <summary>Surnames to spell: common British/American/international ones, with confusable letters (B/P/D/T,
    /// M/N, F/S), doubles (LL, TT, FF) and the hyphen and apostrophe the canonical form allows.</summary>
    public static readonly string[] Surnames =
    [
        "SMITH", "JONES", "TAYLOR", "BROWN", "WILLIAMS", "DAVIES", "EVANS", "THOMPSON", "ROBINSON", "WRIGHT",
        "PHILLIPS", "BAXTER", "VAUGHAN", "PEMBERTON", "FFORDE", "KNIGHT", "WHITTAKER", "MALLOY", "BENNETT", "DIXON",
        "PATEL", "KHAN", "NGUYEN", "GARCIA", "MARTINEZ", "KOWALSKI", "SCHMIDT", "DUBOIS", "ROSSI", "OKAFOR",
        "MENSAH", "CHEN", "NAKAMURA", "SINGH", "MACDONALD", "MCLEAN", "QUINN", "YATES", "ZIELINSKI", "HUGHES",
        "O'BRIEN", "O'NEILL", "D'ARCY", "SMITH-JONES", "HUGHES-PARRY", "FOX", "GUPTA", "SEYMOUR", "TEMPEST", "BEDFORD",
    ];

    /// <summary>Given names for email local parts (lower case).</summary>
    public static readonly string[] FirstNames =
    [
        "john", "mary", "priya", "ahmed", "wei", "olga", "sean", "chloe", "lucas", "fatima",
        "james", "sarah", "david", "emma", "omar", "aisha", "anna", "peter", "grace", "tom",
        "kate", "raj", "sofia", "daniel", "nina", "ben", "lucy", "sam", "zoe", "max",
    ];

    /// <summary>The only email domains the corpus uses (reserved for documentation, RFC 2606).</summary>
    public static readonly string[] EmailDomains = ["example.com", "example.org"];

    /// <summary>Area letters for UK postcodes, split by how many letters the area has.</summary>
    public static readonly string[] UkSingleLetterAreas = ["B", "E", "G", "L", "M", "N", "S", "W"];

    public static readonly string[] UkTwoLetterAreas =
    [
        "AB", "BS", "CB", "CF", "CV", "DH", "EC", "EH", "GU", "KT", "LS", "NE", "NG", "NW", "OX", "PO",
        "RG", "SE", "SW", "TW", "WC", "YO", "BT", "HP",
    ];

    /// <summary>Letters a UK inward code may end with (C, I, K, M, O and V never appear there).</summary>
    public const string UkInwardLetters = "ABDEFGHJLNPQRSTUWXYZ";

    /// <summary>US area codes to put in front of the fictional 555-01xx exchange.</summary>
    public static readonly string[] UsAreaCodes =
    [
        "201", "202", "206", "212", "213", "303", "305", "312", "404", "415",
        "503", "512", "602", "617", "702", "713", "718", "808", "917", "919",
    ];

    /// <summary>Every lower-case name word an email local part can contain, longest first, for the renderer.</summary>
    public static readonly string[] EmailWords =
    [
        .. FirstNames.Concat(Surnames.Select(EmailSurname)).Distinct(StringComparer.Ordinal)
            .OrderByDescending(w => w.Length).ThenBy(w => w, StringComparer.Ordinal),
    ];

    /// <summary>A surname as it appears in an email: lower case, letters only (O'BRIEN → obrien).</summary>
    public static string EmailSurname(string surname) =>
        new([.. surname.ToLowerInvariant().Where(char.IsAsciiLetterLower)]);
}
