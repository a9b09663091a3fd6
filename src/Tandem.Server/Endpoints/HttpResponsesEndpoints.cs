using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tandem.Responses.Protocol;
using Tandem.Responses.Protocol.Json;
using Tandem.Server.Operations;
using Tandem.Server.Sessions;

namespace Tandem.Server.Endpoints;

/// <summary>The HTTP surface: <c>/v1/responses</c> (JSON and SSE), retrieval with replay, deletion, input items, models.</summary>
internal static class HttpResponsesEndpoints
{
    private const int DefaultPageSize = 20;
    private const int MaxPageSize = 100;

    public static void Map(IEndpointRouteBuilder app, ServerState state)
    {
        app.MapPost("/v1/responses", context => CreateAsync(context, state));
        app.MapGet("/v1/responses/{id}", (HttpContext context, string id) => GetAsync(context, state, id));
        app.MapDelete("/v1/responses/{id}", (HttpContext context, string id) => DeleteAsync(context, state, id));
        app.MapPost("/v1/responses/{id}/cancel", (HttpContext context, string id) => CancelAsync(context, state, id));
        app.MapGet("/v1/responses/{id}/input_items", (HttpContext context, string id) => InputItemsAsync(context, state, id));
        app.MapGet("/v1/models", context => ModelsAsync(context, state));
        app.MapGet("/healthz", context => context.Response.WriteAsync("ok", context.RequestAborted));
        app.MapFallback("/v1/{**rest}", context => HttpErrors.WriteAsync(context, new ProtocolException(404, $"Invalid URL ({context.Request.Method} {context.Request.Path})")));
    }

    private static async Task CreateAsync(HttpContext context, ServerState state)
    {
        var clock = DeadlineClock.StartNew();
        var owner = Owner(context);
        ResponseCreateRequest? request;
        try
        {
            var body = await ReadBodyAsync(context).ConfigureAwait(false);
            request = ProtocolJson.Deserialize<ResponseCreateRequest>(body.Span);
            if (request is null)
            {
                throw new JsonException("The body is null.");
            }
        }
        catch (JsonException ex)
        {
            await Reject(context, state, new ProtocolException(400, InvalidJsonMessage(ex), ErrorCodes.InvalidJson)).ConfigureAwait(false);
            return;
        }

        PreparedResponse prepared;
        try
        {
            var origin = new RequestContext { Transport = Transport.Http, Owner = owner, RequestId = context.Response.Headers["x-request-id"].ToString() };
            prepared = await state.Engine.PrepareAsync(request, origin, clock, context.RequestAborted).ConfigureAwait(false);
        }
        catch (ProtocolException ex)
        {
            // Errors before streaming are plain JSON with the status, even when stream:true was asked (as OpenAI does).
            await Reject(context, state, ex).ConfigureAwait(false);
            return;
        }

        if (request.Stream == true)
        {
            SseEventWriter.Start(context.Response);
            await foreach (var (evt, json) in state.Engine.StreamAsync(prepared, context.RequestAborted).ConfigureAwait(false))
            {
                if (json is null)
                {
                    await SseEventWriter.WriteAsync(context.Response.BodyWriter, evt, context.RequestAborted).ConfigureAwait(false);
                }
                else
                {
                    await SseEventWriter.WriteRawAsync(context.Response.BodyWriter, evt.Type, json, context.RequestAborted).ConfigureAwait(false);
                }
            }

            return;
        }

        var final = await state.Engine.RunToCompletionAsync(prepared, context.RequestAborted).ConfigureAwait(false);
        await WriteJsonAsync(context, final).ConfigureAwait(false);
    }

    private static async Task GetAsync(HttpContext context, ServerState state, string id)
    {
        var stored = await state.Engine.Store.GetAsync(id, Owner(context), context.RequestAborted).ConfigureAwait(false);
        if (stored is null)
        {
            await HttpErrors.WriteAsync(context, ProtocolException.ResponseNotFound(id)).ConfigureAwait(false);
            return;
        }

        if (!string.Equals(context.Request.Query["stream"], "true", StringComparison.OrdinalIgnoreCase))
        {
            await WriteJsonAsync(context, stored.Response).ConfigureAwait(false);
            return;
        }

        var startingAfter = -1;
        if (context.Request.Query.TryGetValue("starting_after", out var after) && !int.TryParse(after, out startingAfter))
        {
            await HttpErrors.WriteAsync(context, ProtocolException.BadRequest(
                $"Invalid 'starting_after': expected an integer, but got '{after}' instead.", "invalid_type", "starting_after")).ConfigureAwait(false);
            return;
        }

        SseEventWriter.Start(context.Response);
        foreach (var json in stored.Events)
        {
            var (type, sequence) = ReadTypeAndSequence(json);
            if (sequence > startingAfter)
            {
                await SseEventWriter.WriteRawAsync(context.Response.BodyWriter, type, json, context.RequestAborted).ConfigureAwait(false);
            }
        }
    }

    private static async Task DeleteAsync(HttpContext context, ServerState state, string id)
    {
        if (!await state.Engine.Store.DeleteAsync(id, Owner(context), context.RequestAborted).ConfigureAwait(false))
        {
            await HttpErrors.WriteAsync(context, ProtocolException.ResponseNotFound(id)).ConfigureAwait(false);
            return;
        }

        await WriteJsonAsync(context, new ResponseDeleted { Id = id }).ConfigureAwait(false);
    }

    private static async Task CancelAsync(HttpContext context, ServerState state, string id)
    {
        var stored = await state.Engine.Store.GetAsync(id, Owner(context), context.RequestAborted).ConfigureAwait(false);
        var error = stored is null
            ? ProtocolException.ResponseNotFound(id)
            : ProtocolException.BadRequest("Cannot cancel a synchronous response.", null, null);
        await HttpErrors.WriteAsync(context, error).ConfigureAwait(false);
    }

    private static async Task InputItemsAsync(HttpContext context, ServerState state, string id)
    {
        var query = context.Request.Query;
        var limit = DefaultPageSize;
        if (query.TryGetValue("limit", out var limitText))
        {
            if (!int.TryParse(limitText, out limit))
            {
                await HttpErrors.WriteAsync(context, ProtocolException.BadRequest($"Invalid 'limit': expected an integer, but got '{limitText}' instead.", "invalid_type", "limit")).ConfigureAwait(false);
                return;
            }

            if (limit is < 1 or > MaxPageSize)
            {
                await HttpErrors.WriteAsync(context, ProtocolException.BadRequest(
                    limit < 1
                        ? $"Invalid 'limit': integer below minimum value. Expected a value >= 1, but got {limit} instead."
                        : $"Invalid 'limit': integer above maximum value. Expected a value <= {MaxPageSize}, but got {limit} instead.",
                    limit < 1 ? "integer_below_min_value" : "integer_above_max_value",
                    "limit")).ConfigureAwait(false);
                return;
            }
        }

        var order = query.TryGetValue("order", out var o) ? o.ToString() : "desc";
        if (order is not ("asc" or "desc"))
        {
            await HttpErrors.WriteAsync(context, ProtocolException.BadRequest(
                $"Invalid value: '{order}'. Supported values are: 'asc' and 'desc'.", ErrorCodes.InvalidValue, "order")).ConfigureAwait(false);
            return;
        }

        var stored = await state.Engine.Store.GetAsync(id, Owner(context), context.RequestAborted).ConfigureAwait(false);
        if (stored is null)
        {
            await HttpErrors.WriteAsync(context, ProtocolException.ResponseNotFound(id)).ConfigureAwait(false);
            return;
        }

        IEnumerable<ResponseItem> items = order == "asc" ? stored.Input : stored.Input.Reverse();
        if (query.TryGetValue("after", out var afterId) && !string.IsNullOrEmpty(afterId))
        {
            var list = items.ToList();
            var index = list.FindIndex(i => ItemId(i) == afterId);
            if (index < 0)
            {
                await HttpErrors.WriteAsync(context, ProtocolException.BadRequest(
                    $"Invalid 'after': no input item with id '{afterId}' in response '{id}'.", ErrorCodes.InvalidValue, "after")).ConfigureAwait(false);
                return;
            }

            items = list.Skip(index + 1);
        }

        var remaining = items.ToList();
        var page = remaining.Take(limit).ToList();
        await WriteJsonAsync(context, new ResponseItemList
        {
            Data = page,
            FirstId = page.Count > 0 ? ItemId(page[0]) : null,
            LastId = page.Count > 0 ? ItemId(page[^1]) : null,
            HasMore = remaining.Count > page.Count,
        }).ConfigureAwait(false);
    }

    private static Task ModelsAsync(HttpContext context, ServerState state)
    {
        var models = new ModelList();
        models.Data.Add(new ModelInfo { Id = state.Options.DefaultModel, Created = 1767225600 });
        foreach (var name in state.Scenarios.Names.Order(StringComparer.Ordinal))
        {
            models.Data.Add(new ModelInfo { Id = "scenario/" + name, Created = 1767225600 });
        }

        return WriteJsonAsync(context, models);
    }

    internal static string Owner(HttpContext context) => context.Items[OwnerKey] as string ?? ApiKeyAuthenticator.AnonymousOwner;

    internal const string OwnerKey = "tandem.owner";

    internal static string InvalidJsonMessage(JsonException ex) =>
        "We could not parse the JSON body of your request. The API expects a JSON payload" + (ex.Path is { Length: > 1 } path ? $" (problem at {path}: {Trim(ex.Message)})." : $": {Trim(ex.Message)}");

    private static string Trim(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    private static string? ItemId(ResponseItem item) => item switch
    {
        MessageItem m => m.Id,
        FunctionCallItem f => f.Id,
        FunctionCallOutputItem o => o.Id,
        ReasoningItem r => r.Id,
        CompactionItem c => c.Id,
        UnknownResponseItem u when u.Raw.TryGetProperty("id", out var id) => id.GetString(),
        _ => null,
    };

    private static (string Type, int Sequence) ReadTypeAndSequence(byte[] json)
    {
        var reader = new Utf8JsonReader(json);
        string type = string.Empty;
        var sequence = -1;
        reader.Read();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                continue;
            }

            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                type = reader.GetString() ?? string.Empty;
            }
            else if (reader.ValueTextEquals("sequence_number"u8))
            {
                reader.Read();
                sequence = reader.GetInt32();
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return (type, sequence);
    }

    private static async ValueTask<ReadOnlyMemory<byte>> ReadBodyAsync(HttpContext context)
    {
        using var buffer = new MemoryStream(context.Request.ContentLength is > 0 and < int.MaxValue ? (int)context.Request.ContentLength.Value : 4096);
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }

    private static async Task Reject(HttpContext context, ServerState state, ProtocolException ex)
    {
        if (state.Options.RequestLogging)
        {
            ServerLog.RequestRejected(state.Logger, Transport.Http, string.Empty, ex.Status, ex.Error.Code, ex.Error.Param, ex.Message);
        }

        await HttpErrors.WriteAsync(context, ex).ConfigureAwait(false);
    }

    private static async Task WriteJsonAsync<T>(HttpContext context, T value)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        ProtocolJson.Write(context.Response.BodyWriter, value);
        await context.Response.BodyWriter.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }
}
