namespace Tandem.Voice.Entities;

/// <summary>Creates the validator for a kind of value.</summary>
public static class EntityValidators
{
    /// <summary>
    /// The validator for <paramref name="kind"/> under <paramref name="options"/> (default:
    /// <see cref="EntityOptions.Default"/>). Throws <see cref="ArgumentException"/> for bad options,
    /// for example a postcode region other than US or GB.
    /// </summary>
    public static IEntityValidator For(EntityKind kind, EntityOptions? options = null)
    {
        options ??= EntityOptions.Default;
        options.Validate();
        return kind switch
        {
            EntityKind.PhoneNumber => new PhoneNumberValidator(Regions.Canonical(options.DefaultRegion), options.AllowFictionalNumbers),
            EntityKind.OrderCode => new OrderCodeValidator(options.CodeFormat),
            EntityKind.CardNumber => new CardNumberValidator(),
            EntityKind.Postcode => new PostcodeValidator(Regions.IsUkPostcodeRegion(options.DefaultRegion)),
            EntityKind.SpelledName => new SpelledNameValidator(options.MinNameLength, options.MaxNameLength),
            EntityKind.Email => new EmailValidator(),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not an EntityKind member."),
        };
    }
}
