using System.Net.WebSockets;

namespace Tandem.Server.Sessions;

/// <summary>Why a <see cref="TextMessageReader"/> stopped (for the log) and the close it calls for.</summary>
internal readonly record struct TextMessageEnd(string Reason, WebSocketCloseStatus Status, string Description);
