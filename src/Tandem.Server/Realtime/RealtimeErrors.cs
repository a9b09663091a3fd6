using Tandem.Voice.Realtime.Protocol;

namespace Tandem.Server.Realtime;

/// <summary>
/// The error codes and messages of the Realtime endpoint, worded as OpenAI words them where its
/// wording is known (an empty commit, an active response, a cancel with nothing to cancel).
/// </summary>
internal static class RealtimeErrors
{
    public const string InvalidRequestError = "invalid_request_error";
    public const string ServerError = "server_error";
    public const string InvalidValue = "invalid_value";
    public const string InvalidType = "invalid_type";
    public const string InvalidJson = "invalid_json";
    public const string UnknownParameter = "unknown_parameter";
    public const string MissingRequiredParameter = "missing_required_parameter";
    public const string CommitEmpty = "input_audio_buffer_commit_empty";
    public const string BufferFull = "input_audio_buffer_full";
    public const string ActiveResponse = "conversation_already_has_active_response";
    public const string CancelNotActive = "response_cancel_not_active";
    public const string SessionExpired = "session_expired";
    public const string ItemNotFound = "item_not_found";
    public const string DuplicateItemId = "item_id_already_exists";
    public const string UnsupportedEvent = "unsupported_event";

    /// <summary>An error detail with OpenAI's always-present fields (<c>code</c>, <c>param</c>, <c>event_id</c> may be null).</summary>
    public static RealtimeErrorDetail Detail(string type, string? code, string message, string? param, string? clientEventId) =>
        new RealtimeErrorDetail { Type = type, Code = code, Message = message, Param = param, EventId = clientEventId }
            .WithExplicitNull("code", "param", "event_id");

    public static RealtimeRequestException CommitTooSmall(double milliseconds) => new(
        CommitEmpty,
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"Error committing input audio buffer: buffer too small. Expected at least 100ms of audio, but buffer only has {milliseconds:0.00}ms of audio."));

    public static RealtimeRequestException ResponseActive(string responseId) => new(
        ActiveResponse,
        $"Conversation already has an active response in progress: {responseId}. Wait until the response is finished before creating a new one.");

    public static RealtimeRequestException NothingToCancel(string? responseId) => new(
        CancelNotActive,
        responseId is null ? "Cancellation failed: no active response found" : $"Cancellation failed: no active response found with id '{responseId}'",
        responseId is null ? null : "response_id");

    public static RealtimeRequestException Invalid(string param, string message) => new(InvalidValue, message, param);

    /// <summary>"Invalid value: 'x'. Supported values are: 'a', 'b', and 'c'."</summary>
    public static RealtimeRequestException NotOneOf(string param, string? value, params string[] supported) =>
        new(InvalidValue, $"Invalid value: {Quote(value)}. Supported values are: {List(supported)}.", param);

    public static RealtimeRequestException UnknownField(string param) => new(UnknownParameter, $"Unknown parameter: '{param}'.", param);

    public static RealtimeRequestException Missing(string param) => new(MissingRequiredParameter, $"Missing required parameter: '{param}'.", param);

    public static RealtimeRequestException NoSuchItem(string action, string itemId, string param = "item_id") =>
        new(ItemNotFound, $"Error {action} item: the item with id '{itemId}' does not exist.", param);

    public static string Quote(string? value) => value is null ? "null" : "'" + (value.Length > 64 ? value[..64] + "…" : value) + "'";

    public static string List(IReadOnlyList<string> values) => values.Count switch
    {
        0 => string.Empty,
        1 => $"'{values[0]}'",
        2 => $"'{values[0]}' and '{values[1]}'",
        _ => string.Join(", ", values.Take(values.Count - 1).Select(v => $"'{v}'")) + $", and '{values[^1]}'",
    };
}
