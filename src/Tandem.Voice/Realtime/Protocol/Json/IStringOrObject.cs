namespace Tandem.Voice.Realtime.Protocol.Json;

/// <summary>A wire value that is either a string (<c>"auto"</c>) or an object of type <typeparamref name="TObject"/>.</summary>
internal interface IStringOrObject<TSelf, TObject>
    where TSelf : IStringOrObject<TSelf, TObject>
    where TObject : RealtimeWireObject
{
    string? StringValue { get; }

    TObject? ObjectValue { get; }

    static abstract TSelf FromString(string value);

    static abstract TSelf FromObject(TObject value);
}
