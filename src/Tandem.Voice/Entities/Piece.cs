namespace Tandem.Voice.Entities;

/// <summary>A spoken unit being assembled into a value; becomes a <see cref="NormalizedToken"/>.</summary>
internal sealed class Piece(string spoken, string output, TokenRole role)
{
    public string Spoken { get; } = spoken;

    public string Output { get; set; } = output;

    public TokenRole Role { get; set; } = role;

    public bool Ambiguous { get; set; }

    public string? Note { get; set; }

    /// <summary>How many O-or-0 characters this unit stands for while still undecided ("double oh" = 2); 0 once decided.</summary>
    public int OhCount { get; set; }

    /// <summary>Whether an "as in" override decided the letter.</summary>
    public bool UsedOverride { get; init; }

    /// <summary>Whether this unit contributes to the value (or would, once its O/0 is decided).</summary>
    public bool IsValue => Role is TokenRole.Digits or TokenRole.Letters or TokenRole.Characters or TokenRole.Symbol or TokenRole.Word
        && (Output.Length > 0 || OhCount > 0);

    public void AddNote(string note) => Note = Note is null ? note : $"{Note}; {note}";

    public NormalizedToken ToToken() => new(Spoken, Output, Role, Ambiguous, Note);
}
