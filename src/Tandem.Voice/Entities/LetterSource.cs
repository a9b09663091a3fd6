namespace Tandem.Voice.Entities;

/// <summary>How a letter was said, which decides whether it can also be an ordinary word.</summary>
internal enum LetterSource
{
    /// <summary>A single character ("b"): always a letter.</summary>
    Character,

    /// <summary>A letter name as ASR writes it ("bee", "jay", "you"): also a word or a name.</summary>
    Name,

    /// <summary>A NATO spelling word ("bravo"): also a word or a name ("Victor").</summary>
    Nato,
}
