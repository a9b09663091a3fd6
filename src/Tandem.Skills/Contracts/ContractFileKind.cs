namespace Tandem.Skills.Contracts;

/// <summary>What a file under <c>contracts/</c> is, by where it sits and how it is named.</summary>
internal enum ContractFileKind
{
    Input,
    Output,
    Example,
}
