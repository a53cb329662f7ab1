namespace Bounded.Analyzers.Common.Options
{
    /// <summary>A <c>bounded.*</c> key that could not be used: an unknown key or a value that does not parse.</summary>
    public sealed record OptionProblem(string Key, string Value, string Reason);
}
