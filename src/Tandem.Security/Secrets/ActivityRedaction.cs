using System.Diagnostics;

namespace Tandem.Security.Secrets;

/// <summary>
/// Redaction for spans (S9). Call <see cref="Redact(Activity, Redactor)"/> before an activity is
/// exported — from an OpenTelemetry processor's <c>OnEnd</c>, or let <see cref="CreateListener"/> do it
/// when activities stop (register that listener before the exporter's, listeners run in order).
/// </summary>
public static class ActivityRedaction
{
    /// <summary>
    /// Redacts, in place, what an activity lets be changed: tag values, display name, status
    /// description and baggage. Events and links are immutable on an <see cref="Activity"/>: an
    /// exporter writes <see cref="RedactedEvents"/> instead of <see cref="Activity.Events"/>.
    /// </summary>
    public static void Redact(Activity activity, Redactor redactor)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(redactor);
        foreach (var (key, value) in activity.TagObjects.ToList())
        {
            var redacted = RedactTag(value, redactor);
            if (!ReferenceEquals(redacted, value))
            {
                activity.SetTag(key, redacted);
            }
        }

        activity.DisplayName = redactor.Redact(activity.DisplayName);
        if (activity.StatusDescription is { } description)
        {
            activity.SetStatus(activity.Status, redactor.Redact(description));
        }

        foreach (var (key, value) in activity.Baggage.ToList())
        {
            var redacted = redactor.Redact(value);
            if (!ReferenceEquals(redacted, value))
            {
                activity.SetBaggage(key, redacted);
            }
        }
    }

    /// <summary>A copy of <paramref name="activityEvent"/> with its name and tag values redacted (exception events carry messages and stack traces).</summary>
    public static ActivityEvent Redact(ActivityEvent activityEvent, Redactor redactor)
    {
        ArgumentNullException.ThrowIfNull(redactor);
        var tags = new ActivityTagsCollection();
        foreach (var (key, value) in activityEvent.Tags)
        {
            tags[key] = RedactTag(value, redactor);
        }

        return new ActivityEvent(redactor.Redact(activityEvent.Name), activityEvent.Timestamp, tags);
    }

    /// <summary>The activity's events, redacted, for an exporter to write in place of <see cref="Activity.Events"/>.</summary>
    public static IEnumerable<ActivityEvent> RedactedEvents(Activity activity, Redactor redactor)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return activity.Events.Select(e => Redact(e, redactor));
    }

    /// <summary>A listener that redacts every activity of the matching sources when it stops. The caller adds it with <see cref="ActivitySource.AddActivityListener"/> and disposes it.</summary>
    public static ActivityListener CreateListener(Redactor redactor, Func<ActivitySource, bool> shouldListenTo)
    {
        ArgumentNullException.ThrowIfNull(redactor);
        ArgumentNullException.ThrowIfNull(shouldListenTo);
        return new ActivityListener
        {
            ShouldListenTo = shouldListenTo,
            ActivityStopped = activity => Redact(activity, redactor),
        };
    }

    private static object? RedactTag(object? value, Redactor redactor) => value switch
    {
        string s => redactor.Redact(s),
        string[] array => RedactArray(array, redactor),
        _ => RedactedLogState.RedactValue(value, redactor) is string text && !string.Equals(text, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            ? text
            : value,
    };

    private static string[] RedactArray(string[] array, Redactor redactor)
    {
        var redacted = array.Select(s => redactor.Redact(s)).ToArray();
        return redacted.SequenceEqual(array, ReferenceEqualityComparer.Instance) ? array : redacted;
    }
}
