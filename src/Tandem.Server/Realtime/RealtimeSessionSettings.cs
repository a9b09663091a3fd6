using System.Text.Json;
using Tandem.Voice.Realtime.Protocol;

namespace Tandem.Server.Realtime;

/// <summary>
/// A session's configuration: the one a connection starts with, and <c>session.update</c> merged
/// into it. A merge works on a copy and throws <see cref="RealtimeRequestException"/> naming the
/// first bad field, so a refused update leaves the session exactly as it was. Absent fields keep
/// their value; an explicit <c>null</c> turns a nullable setting off (<c>turn_detection</c>,
/// <c>transcription</c>, <c>noise_reduction</c>, <c>tracing</c>, <c>prompt</c>, <c>include</c>).
/// </summary>
internal static class RealtimeSessionSettings
{
    public const int PcmRate = 24000;
    public const int G711Rate = 8000;
    public const string AudioModality = "audio";
    public const string TextModality = "text";
    public const string LogprobsInclude = "item.input_audio_transcription.logprobs";

    /// <summary>The effective configuration of a new session, every field OpenAI shows present.</summary>
    public static RealtimeSessionConfig Initial(string sessionId, string model, long expiresAt, RealtimeServerOptions options)
    {
        var input = new RealtimeAudioInputConfig
        {
            Format = RealtimeAudioFormat.Pcm24kHz,
            TurnDetection = DefaultServerVad(options.DefaultSilenceDurationMs),
        }.WithExplicitNull("transcription", "noise_reduction");

        return new RealtimeSessionConfig
        {
            Type = RealtimeSessionConfig.RealtimeType,
            ObjectType = "realtime.session",
            Id = sessionId,
            Model = model,
            OutputModalities = [AudioModality],
            Instructions = options.DefaultInstructions,
            Tools = [],
            ToolChoice = RealtimeToolChoice.Auto,
            MaxOutputTokens = RealtimeMaxOutputTokens.Infinite,
            Truncation = RealtimeTruncation.Auto,
            ExpiresAt = expiresAt,
            Audio = new RealtimeAudioConfig
            {
                Input = input,
                Output = new RealtimeAudioOutputConfig { Format = RealtimeAudioFormat.Pcm24kHz, Voice = "alloy", Speed = 1.0 },
            },
        }.WithExplicitNull("tracing", "prompt", "include");
    }

    public static RealtimeTurnDetection DefaultServerVad(int silenceDurationMs) =>
        RealtimeTurnDetection.ServerVad(0.5, 300, silenceDurationMs, createResponse: true, interruptResponse: true).WithExplicitNull("idle_timeout_ms");

    /// <summary>A deep copy (explicit-null marks included).</summary>
    public static RealtimeSessionConfig Clone(RealtimeSessionConfig config) =>
        RealtimeJson.Deserialize<RealtimeSessionConfig>(RealtimeJson.Serialize(config))!;

    /// <summary>
    /// <paramref name="update"/> merged into a copy of <paramref name="current"/>. Empty
    /// <c>instructions</c> leave the instructions as they are (what OpenAI's server does).
    /// </summary>
    /// <exception cref="RealtimeRequestException">A field is unknown or has a value this server does not support.</exception>
    public static RealtimeSessionConfig Merge(RealtimeSessionConfig current, RealtimeSessionConfig update, RealtimeModelRegistry models, int defaultSilenceDurationMs)
    {
        var next = Clone(current);
        RejectUnknown(update, "session");
        if (update.Type != RealtimeSessionConfig.RealtimeType)
        {
            throw RealtimeErrors.NotOneOf("session.type", update.Type, RealtimeSessionConfig.RealtimeType);
        }

        if (update.Model is { } model && model != next.Model)
        {
            if (!models.Contains(model))
            {
                throw new RealtimeRequestException(RealtimeErrors.InvalidValue,
                    $"Model '{model}' is not available on this server; use {models.NamesForMessage}.", "session.model");
            }

            next.Model = model;
        }

        if (update.OutputModalities is { } modalities)
        {
            next.OutputModalities = [ValidateModalities(modalities, "session.output_modalities")];
        }

        if (!string.IsNullOrEmpty(update.Instructions))
        {
            next.Instructions = update.Instructions;
        }

        if (update.Tools is not null || update.IsExplicitNull("tools"))
        {
            next.Tools = ValidateTools(update.Tools ?? [], "session.tools");
        }

        if (update.ToolChoice is { } choice)
        {
            next.ToolChoice = ValidateToolChoice(choice, "session.tool_choice");
        }

        if (update.MaxOutputTokens is { } max)
        {
            next.MaxOutputTokens = ValidateMaxOutputTokens(max, "session.max_output_tokens");
        }

        MergeNullable(update, next, "tracing", update.Tracing, t =>
        {
            if (t.Mode is not null and not "auto")
            {
                throw RealtimeErrors.NotOneOf("session.tracing", t.Mode, "auto");
            }

            next.Tracing = t;
        }, () => next.Tracing = null);

        if (update.Truncation is { } truncation)
        {
            if (truncation.Mode is not null and not "auto" and not "disabled")
            {
                throw RealtimeErrors.NotOneOf("session.truncation", truncation.Mode, "auto", "disabled");
            }

            if (truncation.Strategy is { Type: not "retention_ratio" } strategy)
            {
                throw RealtimeErrors.NotOneOf("session.truncation.type", strategy.Type, "retention_ratio");
            }

            next.Truncation = truncation;
        }

        MergeNullable(update, next, "prompt", update.Prompt, p => next.Prompt = p, () => next.Prompt = null);
        MergeNullable(update, next, "include", update.Include, include =>
        {
            for (var i = 0; i < include.Count; i++)
            {
                if (include[i] != LogprobsInclude)
                {
                    throw RealtimeErrors.NotOneOf($"session.include[{i}]", include[i], LogprobsInclude);
                }
            }

            next.Include = [.. include];
        }, () => next.Include = null);

        if (update.Reasoning is { } reasoning)
        {
            next.Reasoning = reasoning;
        }

        if (update.ParallelToolCalls is { } parallel)
        {
            next.ParallelToolCalls = parallel;
        }

        if (update.Audio is { } audio)
        {
            RejectUnknown(audio, "session.audio");
            next.Audio ??= new RealtimeAudioConfig();
            if (audio.Input is { } input)
            {
                next.Audio.Input = MergeInput(next.Audio.Input ?? new RealtimeAudioInputConfig(), input, next.Model!, defaultSilenceDurationMs);
            }

            if (audio.Output is { } output)
            {
                next.Audio.Output = MergeOutput(next.Audio.Output ?? new RealtimeAudioOutputConfig(), output);
            }
        }

        return next;
    }

    private static RealtimeAudioInputConfig MergeInput(RealtimeAudioInputConfig current, RealtimeAudioInputConfig update, string sessionModel, int defaultSilenceDurationMs)
    {
        const string Param = "session.audio.input";
        RejectUnknown(update, Param);
        if (update.Format is { } format)
        {
            current.Format = ValidateFormat(format, Param + ".format");
        }

        MergeNullable(update, current, "noise_reduction", update.NoiseReduction, n =>
        {
            RejectUnknown(n, Param + ".noise_reduction");
            if (n.Type is not ("near_field" or "far_field"))
            {
                throw RealtimeErrors.NotOneOf(Param + ".noise_reduction.type", n.Type, "near_field", "far_field");
            }

            current.NoiseReduction = new RealtimeNoiseReduction { Type = n.Type };
        }, () => current.NoiseReduction = null);

        MergeNullable(update, current, "transcription", update.Transcription, t =>
        {
            RejectUnknown(t, Param + ".transcription");
            var merged = current.Transcription ?? new RealtimeTranscriptionConfig();
            merged.Model = t.Model ?? merged.Model ?? sessionModel;
            merged.Language = t.Language ?? merged.Language;
            merged.Prompt = t.Prompt ?? merged.Prompt;
            current.Transcription = merged.WithExplicitNull("language", "prompt");
        }, () => current.Transcription = null);

        MergeNullable(update, current, "turn_detection", update.TurnDetection, t => current.TurnDetection = MergeTurnDetection(current.TurnDetection, t, defaultSilenceDurationMs),
            () => current.TurnDetection = null);
        return current;
    }

    private static RealtimeTurnDetection MergeTurnDetection(RealtimeTurnDetection? current, RealtimeTurnDetection update, int defaultSilenceDurationMs)
    {
        const string Param = "session.audio.input.turn_detection";
        RejectUnknown(update, Param);
        if (update.Type == RealtimeTurnDetection.SemanticVadType)
        {
            if (update.Threshold is not null || update.PrefixPaddingMs is not null || update.SilenceDurationMs is not null || update.IdleTimeoutMs is not null)
            {
                throw RealtimeErrors.Invalid(Param, "semantic_vad takes eagerness, create_response and interrupt_response; threshold, prefix_padding_ms, silence_duration_ms and idle_timeout_ms belong to server_vad.");
            }

            var semantic = current is { Type: RealtimeTurnDetection.SemanticVadType }
                ? current
                : RealtimeTurnDetection.SemanticVad("auto", createResponse: true, interruptResponse: true);
            if (update.Eagerness is { } eagerness)
            {
                if (eagerness is not ("low" or "medium" or "high" or "auto"))
                {
                    throw RealtimeErrors.NotOneOf(Param + ".eagerness", eagerness, "low", "medium", "high", "auto");
                }

                semantic.Eagerness = eagerness;
            }

            semantic.CreateResponse = update.CreateResponse ?? semantic.CreateResponse;
            semantic.InterruptResponse = update.InterruptResponse ?? semantic.InterruptResponse;
            return semantic;
        }

        if (update.Type != RealtimeTurnDetection.ServerVadType)
        {
            throw RealtimeErrors.NotOneOf(Param + ".type", update.Type, RealtimeTurnDetection.ServerVadType, RealtimeTurnDetection.SemanticVadType);
        }

        if (update.Eagerness is not null)
        {
            throw RealtimeErrors.Invalid(Param + ".eagerness", "eagerness belongs to semantic_vad, not server_vad.");
        }

        var vad = current is { Type: RealtimeTurnDetection.ServerVadType } ? current : DefaultServerVad(defaultSilenceDurationMs);
        if (update.Threshold is { } threshold)
        {
            vad.Threshold = threshold is >= 0 and <= 1 ? threshold : throw RealtimeErrors.Invalid(Param + ".threshold", $"Invalid 'threshold': {threshold}. Expected a value between 0 and 1.");
        }

        if (update.PrefixPaddingMs is { } prefix)
        {
            vad.PrefixPaddingMs = prefix is >= 0 and <= 10_000 ? prefix : throw RealtimeErrors.Invalid(Param + ".prefix_padding_ms", $"Invalid 'prefix_padding_ms': {prefix}. Expected 0 to 10000.");
        }

        if (update.SilenceDurationMs is { } silence)
        {
            vad.SilenceDurationMs = silence is >= 10 and <= 60_000 ? silence : throw RealtimeErrors.Invalid(Param + ".silence_duration_ms", $"Invalid 'silence_duration_ms': {silence}. Expected 10 to 60000.");
        }

        if (update.IdleTimeoutMs is { } idle)
        {
            vad.IdleTimeoutMs = idle is >= 5_000 and <= 30_000 ? idle : throw RealtimeErrors.Invalid(Param + ".idle_timeout_ms", $"Invalid 'idle_timeout_ms': {idle}. Expected 5000 to 30000.");
        }
        else if (update.IsExplicitNull("idle_timeout_ms"))
        {
            vad.IdleTimeoutMs = null;
        }

        vad.CreateResponse = update.CreateResponse ?? vad.CreateResponse ?? true;
        vad.InterruptResponse = update.InterruptResponse ?? vad.InterruptResponse ?? true;
        return vad.WithExplicitNull("idle_timeout_ms");
    }

    private static RealtimeAudioOutputConfig MergeOutput(RealtimeAudioOutputConfig current, RealtimeAudioOutputConfig update)
    {
        const string Param = "session.audio.output";
        RejectUnknown(update, Param);
        if (update.Format is { } format)
        {
            current.Format = ValidateFormat(format, Param + ".format");
        }

        if (update.Voice is { } voice)
        {
            current.Voice = voice.Length > 0 ? voice : throw RealtimeErrors.Invalid(Param + ".voice", "Invalid 'voice': an empty string.");
        }

        if (update.Speed is { } speed)
        {
            current.Speed = speed is >= 0.25 and <= 1.5 ? speed : throw RealtimeErrors.Invalid(Param + ".speed", $"Invalid 'speed': {speed}. Expected a value between 0.25 and 1.5.");
        }

        return current;
    }

    /// <summary>The server's copy of a format: <c>{audio/pcm, 24000}</c>, <c>{audio/pcmu}</c> or <c>{audio/pcma}</c>.</summary>
    public static RealtimeAudioFormat ValidateFormat(RealtimeAudioFormat format, string param)
    {
        RejectUnknown(format, param);
        switch (format.Type)
        {
            case null:
                throw RealtimeErrors.Missing(param + ".type");
            case RealtimeAudioFormat.PcmType:
                return format.Rate is null or PcmRate
                    ? RealtimeAudioFormat.Pcm24kHz
                    : throw new RealtimeRequestException(RealtimeErrors.InvalidValue, $"Invalid value: {format.Rate}. Supported values are: {PcmRate}.", param + ".rate");
            case RealtimeAudioFormat.PcmuType or RealtimeAudioFormat.PcmaType:
                return format.Rate is null or G711Rate
                    ? new RealtimeAudioFormat { Type = format.Type }
                    : throw new RealtimeRequestException(RealtimeErrors.InvalidValue, $"Invalid value: {format.Rate}. Supported values are: {G711Rate}.", param + ".rate");
            default:
                throw RealtimeErrors.NotOneOf(param + ".type", format.Type, RealtimeAudioFormat.PcmType, RealtimeAudioFormat.PcmuType, RealtimeAudioFormat.PcmaType);
        }
    }

    /// <summary>Exactly one of <c>audio</c> (audio with its transcript) or <c>text</c>, as the GA API allows.</summary>
    public static string ValidateModalities(List<string> modalities, string param)
    {
        if (modalities.Count != 1)
        {
            throw RealtimeErrors.Invalid(param, $"Invalid '{param}': expected exactly one of 'audio' or 'text', got {modalities.Count} values.");
        }

        return modalities[0] is AudioModality or TextModality
            ? modalities[0]
            : throw RealtimeErrors.NotOneOf(param + "[0]", modalities[0], AudioModality, TextModality);
    }

    /// <summary>Function tools only: each has a name and, when given, an object schema.</summary>
    public static List<RealtimeTool> ValidateTools(List<RealtimeTool> tools, string param)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < tools.Count; i++)
        {
            var tool = tools[i];
            if (tool.Type != RealtimeTool.FunctionType)
            {
                throw RealtimeErrors.NotOneOf($"{param}[{i}].type", tool.Type, RealtimeTool.FunctionType);
            }

            if (string.IsNullOrEmpty(tool.Name))
            {
                throw RealtimeErrors.Missing($"{param}[{i}].name");
            }

            if (tool.Parameters is { ValueKind: not JsonValueKind.Object })
            {
                throw new RealtimeRequestException(RealtimeErrors.InvalidType, $"Invalid type for '{param}[{i}].parameters': expected a JSON schema object.", $"{param}[{i}].parameters");
            }

            if (!names.Add(tool.Name))
            {
                throw RealtimeErrors.Invalid($"{param}[{i}].name", $"Duplicate tool name '{tool.Name}'.");
            }
        }

        return [.. tools];
    }

    public static RealtimeToolChoice ValidateToolChoice(RealtimeToolChoice choice, string param)
    {
        if (choice.Mode is { } mode)
        {
            return mode is "auto" or "none" or "required" ? choice : throw RealtimeErrors.NotOneOf(param, mode, "auto", "none", "required");
        }

        if (choice.Target is not { } target || target.Type != "function")
        {
            throw RealtimeErrors.NotOneOf(param + ".type", choice.Target?.Type, "function");
        }

        return !string.IsNullOrEmpty(target.Name) ? choice : throw RealtimeErrors.Missing(param + ".name");
    }

    public static RealtimeMaxOutputTokens ValidateMaxOutputTokens(RealtimeMaxOutputTokens max, string param) =>
        max.Limit is null or (>= 1 and <= 4096)
            ? max
            : throw RealtimeErrors.Invalid(param, $"Invalid '{param}': {max.Limit}. Expected an integer from 1 to 4096, or 'inf'.");

    /// <summary>An unmodelled field in a request object is refused, as OpenAI refuses unknown parameters.</summary>
    public static void RejectUnknown(RealtimeWireObject value, string param)
    {
        if (value.AdditionalProperties is { Count: > 0 } extra)
        {
            var key = extra.Keys.First();
            throw RealtimeErrors.UnknownField(param.Length == 0 ? key : param + "." + key);
        }
    }

    /// <summary>Applies a nullable setting: a value is set, an explicit <c>null</c> turns it off, absent leaves it.</summary>
    private static void MergeNullable<T>(RealtimeWireObject update, RealtimeWireObject target, string jsonName, T? value, Action<T> set, Action clear)
        where T : class
    {
        if (value is not null)
        {
            set(value);
        }
        else if (update.IsExplicitNull(jsonName))
        {
            clear();
            target.SetExplicitNull(jsonName);
        }
    }
}
