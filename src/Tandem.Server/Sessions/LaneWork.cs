using Tandem.Responses.Protocol;

namespace Tandem.Server.Sessions;

/// <summary>A <c>response.create</c> waiting in its lane, with the time it arrived (the profile's clock starts then).</summary>
internal sealed record LaneWork(ResponseCreateRequest Request, long ReceivedTimestamp);
