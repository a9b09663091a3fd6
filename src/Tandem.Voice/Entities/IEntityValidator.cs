namespace Tandem.Voice.Entities;

/// <summary>Checks a captured value of one <see cref="EntityKind"/>; get one from <see cref="EntityValidators.For"/>.</summary>
public interface IEntityValidator
{
    /// <summary>The kind of value this validator judges.</summary>
    EntityKind Kind { get; }

    /// <summary>
    /// Judges <paramref name="value"/>, normally a canonical value from <see cref="EntityNormalizer"/>.
    /// Harmless formatting (spaces and dashes in numbers, letter case in codes and postcodes) is
    /// tolerated; anything that changes the value is reported.
    /// </summary>
    ValidationResult Validate(string value);
}
