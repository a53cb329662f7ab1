using System;
using System.IO;

namespace Bounded.Tests.Infrastructure
{
    /// <summary>The repository's root folder: the nearest ancestor of the test binaries holding Analyzers.sln.</summary>
    public static class RepositoryRoot
    {
        private static readonly Lazy<string> Root = new(() =>
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "Analyzers.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("No Analyzers.sln above " + AppContext.BaseDirectory);
        });

        public static string Path => Root.Value;
    }
}
