using Tandem.Responses.Protocol;

namespace Tandem.Responses;

/// <summary>Base of the events the client itself adds to a stream; never serialised to the wire.</summary>
public abstract class ResponseStreamEventBase : ResponseStreamEvent;
