using Xunit;

namespace Bounded.Tests.Packaging
{
    /// <summary>
    /// The test classes whose fixtures run <c>dotnet pack</c> on the repository's own projects. xunit runs test
    /// classes in parallel; two packs restoring and building the same <c>obj/</c> folders at once race on
    /// <c>project.assets.json</c> ("RestoreTask returned false but did not log an error", seen in CI), so these
    /// classes share one collection and run one after the other.
    /// </summary>
    [CollectionDefinition(Name)]
    public sealed class RepositoryPackCollection
    {
        public const string Name = "dotnet pack of the repository";
    }
}
