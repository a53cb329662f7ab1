namespace Bounded.CodeFixes
{
    /// <summary>Names this assembly for tests and tools that load every code fix it holds.</summary>
    public static class CodeFixesAssemblyMarker
    {
    }
}
