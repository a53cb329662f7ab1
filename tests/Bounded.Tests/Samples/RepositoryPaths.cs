using System;
using System.IO;

namespace Bounded.Tests.Samples
{
    /// <summary>Where the repository is, found from the test assembly's folder (tests run from bin/).</summary>
    internal static class RepositoryPaths
    {
        private static readonly Lazy<string> RootPath = new(FindRoot);

        /// <summary>The folder that holds <c>Analyzers.sln</c>.</summary>
        public static string Root => RootPath.Value;

        public static string Combine(params string[] relativeParts) =>
            Path.GetFullPath(Path.Combine(Root, Path.Combine(relativeParts)));

        /// <summary><paramref name="fullPath"/> relative to the repository root, with forward slashes.</summary>
        public static string Relative(string fullPath) =>
            Path.GetRelativePath(Root, fullPath).Replace('\\', '/');

        private static string FindRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Analyzers.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException(
                $"No folder containing Analyzers.sln above '{AppContext.BaseDirectory}'; the tests must run from inside the repository.");
        }
    }
}
