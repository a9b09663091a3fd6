using System.Collections;
using System.Globalization;

namespace Tandem.Security.Secrets;

/// <summary>
/// A log state (or scope) with every value redacted. Structured loggers (JSON console, OpenTelemetry
/// log exporters) write the state's key/value pairs, not only the formatted message, so both are
/// replaced: the message by the redacted text, each value by its redacted string form.
/// </summary>
internal sealed class RedactedLogState : IReadOnlyList<KeyValuePair<string, object?>>
{
    private readonly KeyValuePair<string, object?>[] _values;

    private RedactedLogState(string message, KeyValuePair<string, object?>[] values)
    {
        Message = message;
        _values = values;
    }

    public string Message { get; }

    public int Count => _values.Length;

    public KeyValuePair<string, object?> this[int index] => _values[index];

    /// <summary>For a log call: the already formatted (and redacted) message and the state's values.</summary>
    public static RedactedLogState Create(object? state, string redactedMessage, Redactor redactor) =>
        new(redactedMessage, Values(state, redactor));

    /// <summary>For a scope: its text and values, redacted.</summary>
    public static RedactedLogState ForScope(object? state, Redactor redactor) =>
        state as RedactedLogState ?? new(redactor.Redact(Convert.ToString(state, CultureInfo.InvariantCulture)) ?? "", Values(state, redactor));

    public static object? RedactValue(object? value, Redactor redactor) => value switch
    {
        null => null,
        string s => redactor.Redact(s),

        // Numbers, flags and times cannot carry a secret and keep their type for structured sinks.
        bool or byte or sbyte or short or ushort or int or uint or long or ulong or float or double or decimal
            or Enum or DateTime or DateTimeOffset or TimeSpan or Guid => value,
        _ => redactor.Redact(Convert.ToString(value, CultureInfo.InvariantCulture)),
    };

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)_values).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => Message;

    private static KeyValuePair<string, object?>[] Values(object? state, Redactor redactor) =>
        state is IEnumerable<KeyValuePair<string, object?>> pairs
            ? [.. pairs.Select(p => new KeyValuePair<string, object?>(p.Key, RedactValue(p.Value, redactor)))]
            : [];
}
