using System.Text.Json.Serialization;

namespace Tandem.Bench.Capacity;

/// <summary>Where the server under test runs.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CapacityServerMode>))]
public enum CapacityServerMode
{
    /// <summary>
    /// <c>dotnet tandem.dll serve</c> as a child process: its memory (VmRSS) is the server's alone and
    /// the client's sockets use the client's file descriptors. The default; falls back to
    /// <see cref="InProcess"/> (with a note) when <c>tandem.dll</c> cannot be found.
    /// </summary>
    ChildProcess,

    /// <summary>
    /// <see cref="Tandem.Server.TandemServerHost"/> in this process: simplest, but the client's sockets
    /// share its memory and its file-descriptor limit (two descriptors per connection).
    /// </summary>
    InProcess,

    /// <summary>A server already running at <see cref="CapacityOptions.BaseUrl"/>; its memory is not measured.</summary>
    External,
}
