using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Bounded.Bench.RealCode
{
    /// <summary>One item of an evaluated project (<c>Compile</c>, <c>PackageReference</c>, <c>Using</c>, ...).</summary>
    internal sealed record MsBuildItem(string Type, string Include, IReadOnlyDictionary<string, string> Metadata, string DefiningDirectory)
    {
        public string? Get(string name) => Metadata.TryGetValue(name, out var v) ? v : null;
    }

    /// <summary>
    /// A small MSBuild evaluator, enough to compile real projects in memory: the project file plus the
    /// <c>Directory.Build.props</c>/<c>Directory.Build.targets</c>/<c>Directory.Packages.props</c> above it and the files they
    /// import by relative path or <c>GetPathOfFileAbove</c>. As MSBuild does, properties are evaluated first over every file,
    /// then items with the final properties. Conditions understand <c>==</c>, <c>!=</c>, <c>and</c>, <c>or</c>, <c>!</c>,
    /// parentheses and <c>Exists()</c>; a condition it cannot read counts as true. Property functions
    /// (<c>$([...])</c>) are not evaluated (they read as empty), nor are SDK targets: what the SDK adds by default
    /// (implicit usings, default globs) is modelled in <see cref="ProjectLoader"/>.
    /// </summary>
    internal sealed class MsBuildProject
    {
        private readonly List<(XElement Element, string File)> elements = new();

        public MsBuildProject(string path)
        {
            Path = System.IO.Path.GetFullPath(path);
            Directory = System.IO.Path.GetDirectoryName(Path)!;
            Name = System.IO.Path.GetFileNameWithoutExtension(Path);
            var root = Load(Path);
            Sdk = (root?.Attribute("Sdk")?.Value ?? root?.Elements().FirstOrDefault(e => e.Name.LocalName == "Sdk")?.Attribute("Name")?.Value ?? string.Empty).Split('/')[0].Trim();

            Properties["MSBuildProjectName"] = Name;
            Properties["MSBuildProjectDirectory"] = Directory;
            Properties["MSBuildProjectFullPath"] = Path;
            Properties["MSBuildProjectFile"] = System.IO.Path.GetFileName(Path);
            Properties["Configuration"] = "Debug";
            Properties["OS"] = "Unix";

            // Import order as the SDK does it: Directory.Build.props (and what it imports), then the project, then
            // Directory.Build.targets; Directory.Packages.props is read for central versions.
            var buildProps = FindAbove(Directory, "Directory.Build.props");
            if (buildProps is not null)
            {
                Collect(buildProps, new HashSet<string>(StringComparer.Ordinal));
            }

            var packagesProps = FindAbove(Directory, "Directory.Packages.props");
            if (packagesProps is not null)
            {
                Collect(packagesProps, new HashSet<string>(StringComparer.Ordinal));
                CentralPackagesFile = packagesProps;
            }

            Collect(Path, new HashSet<string>(StringComparer.Ordinal));
            var buildTargets = FindAbove(Directory, "Directory.Build.targets");
            if (buildTargets is not null)
            {
                Collect(buildTargets, new HashSet<string>(StringComparer.Ordinal));
            }

            EvaluateProperties();
            EvaluateItems();
        }

        public string Path { get; }

        public string Directory { get; }

        public string Name { get; }

        /// <summary>The project SDK name without its version: Microsoft.NET.Sdk, Microsoft.NET.Sdk.Web, Aspire.AppHost.Sdk, ...</summary>
        public string Sdk { get; }

        public string? CentralPackagesFile { get; }

        public Dictionary<string, string> Properties { get; } = new(StringComparer.OrdinalIgnoreCase);

        public List<MsBuildItem> Items { get; } = new();

        public string Property(string name) => Properties.TryGetValue(name, out var v) ? v : string.Empty;

        public bool IsTrue(string name) => string.Equals(Property(name).Trim(), "true", StringComparison.OrdinalIgnoreCase);

        public IEnumerable<MsBuildItem> ItemsOf(string type) => Items.Where(i => string.Equals(i.Type, type, StringComparison.OrdinalIgnoreCase));

        private static XElement? Load(string file)
        {
            try
            {
                return XDocument.Load(file).Root;
            }
            catch (Exception ex) when (ex is System.Xml.XmlException or IOException)
            {
                return null;
            }
        }

        internal static string? FindAbove(string startDirectory, string fileName)
        {
            for (var dir = new DirectoryInfo(startDirectory); dir is not null; dir = dir.Parent)
            {
                string candidate = System.IO.Path.Combine(dir.FullName, fileName);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }

            return null;
        }

        /// <summary>Flattens a file and its imports into document order, each element with the file it came from.</summary>
        private void Collect(string file, HashSet<string> seen)
        {
            if (!seen.Add(file))
            {
                return;
            }

            var root = Load(file);
            if (root is null)
            {
                return;
            }

            foreach (var element in root.Elements())
            {
                if (element.Name.LocalName == "Import")
                {
                    string? imported = ResolveImport(element.Attribute("Project")?.Value ?? string.Empty, file);
                    if (imported is not null && File.Exists(imported))
                    {
                        Collect(imported, seen);
                    }

                    continue;
                }

                elements.Add((element, file));
            }
        }

        private static string? ResolveImport(string project, string importingFile)
        {
            string dir = System.IO.Path.GetDirectoryName(importingFile)!;
            var above = Regex.Match(project, @"GetPathOfFileAbove\(\s*'?([^',)]+)'?");
            if (above.Success)
            {
                // The common shape: $([MSBuild]::GetPathOfFileAbove('Directory.Build.props', '$(MSBuildThisFileDirectory)../')).
                string parent = System.IO.Path.GetDirectoryName(dir) ?? dir;
                return FindAbove(parent, above.Groups[1].Value.Trim());
            }

            if (project.Contains("$(", StringComparison.Ordinal) && !project.Contains("$(MSBuildThisFileDirectory)", StringComparison.Ordinal))
            {
                return null;
            }

            string relative = project.Replace("$(MSBuildThisFileDirectory)", dir + "/", StringComparison.Ordinal).Replace('\\', '/');
            return relative.Length == 0 ? null : System.IO.Path.GetFullPath(System.IO.Path.Combine(dir, relative));
        }

        private void EvaluateProperties()
        {
            foreach (var (element, file) in elements)
            {
                if (element.Name.LocalName != "PropertyGroup" || !Condition(element, file))
                {
                    continue;
                }

                foreach (var property in element.Elements())
                {
                    if (Condition(property, file))
                    {
                        Properties[property.Name.LocalName] = Expand(property.Value, file).Trim();
                    }
                }
            }

            // An inner build's TargetFramework: the newest .NET one of TargetFrameworks (the bench compiles against net10.0 anyway).
            if (Property("TargetFramework").Length == 0 && Property("TargetFrameworks").Length > 0)
            {
                Properties["TargetFramework"] = TargetFrameworks.Pick(Property("TargetFrameworks").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            }
        }

        private void EvaluateItems()
        {
            foreach (var (element, file) in elements)
            {
                if (element.Name.LocalName != "ItemGroup" || !Condition(element, file))
                {
                    continue;
                }

                string dir = System.IO.Path.GetDirectoryName(file)!;
                foreach (var item in element.Elements())
                {
                    if (!Condition(item, file))
                    {
                        continue;
                    }

                    var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                    foreach (var attribute in item.Attributes())
                    {
                        metadata[attribute.Name.LocalName] = Expand(attribute.Value, file);
                    }

                    foreach (var child in item.Elements())
                    {
                        metadata[child.Name.LocalName] = Expand(child.Value, file).Trim();
                    }

                    string type = item.Name.LocalName;
                    if (metadata.TryGetValue("Include", out var include))
                    {
                        foreach (string part in include.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                        {
                            Items.Add(new MsBuildItem(type, part, metadata, dir));
                        }
                    }
                    else if (metadata.TryGetValue("Update", out var update))
                    {
                        // PackageReference Update="X" Version="..." (and the like): merge the metadata into the matching items.
                        for (int i = 0; i < Items.Count; i++)
                        {
                            if (string.Equals(Items[i].Type, type, StringComparison.OrdinalIgnoreCase) && string.Equals(Items[i].Include, update, StringComparison.OrdinalIgnoreCase))
                            {
                                var merged = new Dictionary<string, string>(Items[i].Metadata, StringComparer.OrdinalIgnoreCase);
                                foreach (var (k, v) in metadata.Where(m => m.Key != "Update"))
                                {
                                    merged[k] = v;
                                }

                                Items[i] = Items[i] with { Metadata = merged };
                            }
                        }
                    }

                    // Remove is kept as an item of its own: Compile Remove is applied to the glob by ProjectLoader.
                    if (metadata.TryGetValue("Remove", out var remove) && !metadata.ContainsKey("Include"))
                    {
                        Items.Add(new MsBuildItem(type + ".Remove", remove, metadata, dir));
                        if (!string.Equals(type, "Compile", StringComparison.OrdinalIgnoreCase))
                        {
                            Items.RemoveAll(i => string.Equals(i.Type, type, StringComparison.OrdinalIgnoreCase) && string.Equals(i.Include, remove, StringComparison.OrdinalIgnoreCase));
                        }
                    }
                }
            }
        }

        private string Expand(string value, string file)
        {
            string thisDir = System.IO.Path.GetDirectoryName(file)! + "/";
            string result = value;
            for (int pass = 0; pass < 4 && result.Contains("$(", StringComparison.Ordinal); pass++)
            {
                result = Regex.Replace(result, @"\$\(([A-Za-z_][A-Za-z0-9_.\-]*)\)", m =>
                {
                    string name = m.Groups[1].Value;
                    return name switch
                    {
                        "MSBuildThisFileDirectory" => thisDir,
                        "MSBuildThisFileFullPath" => file,
                        _ => Properties.TryGetValue(name, out var v) ? v : string.Empty,
                    };
                });
            }

            // Property functions are not evaluated.
            return Regex.Replace(result, @"\$\(\[[^\]]*\][^)]*\)+", string.Empty);
        }

        private bool Condition(XElement element, string file)
        {
            string? condition = element.Attribute("Condition")?.Value;
            if (string.IsNullOrWhiteSpace(condition))
            {
                return true;
            }

            try
            {
                return new ConditionParser(condition, s => Expand(s, file), System.IO.Path.GetDirectoryName(file)!).Parse();
            }
            catch (FormatException)
            {
                return true;
            }
        }

        /// <summary>Recursive descent over MSBuild's condition grammar (the parts projects actually use).</summary>
        private sealed class ConditionParser
        {
            private readonly List<string> tokens;
            private readonly Func<string, string> expand;
            private readonly string directory;
            private int position;

            public ConditionParser(string text, Func<string, string> expand, string directory)
            {
                this.expand = expand;
                this.directory = directory;
                tokens = Tokenize(text);
            }

            public bool Parse()
            {
                bool value = Or();
                if (position != tokens.Count)
                {
                    throw new FormatException();
                }

                return value;
            }

            private static List<string> Tokenize(string text)
            {
                var list = new List<string>();
                int i = 0;
                while (i < text.Length)
                {
                    char c = text[i];
                    if (char.IsWhiteSpace(c))
                    {
                        i++;
                    }
                    else if (c == '\'')
                    {
                        int end = text.IndexOf('\'', i + 1);
                        if (end < 0)
                        {
                            throw new FormatException();
                        }

                        list.Add(text.Substring(i, end - i + 1));
                        i = end + 1;
                    }
                    else if ((c == '=' || c == '!' || c == '<' || c == '>') && i + 1 < text.Length && text[i + 1] == '=')
                    {
                        list.Add(text.Substring(i, 2));
                        i += 2;
                    }
                    else if (c is '(' or ')' or '!' or ',' or '<' or '>')
                    {
                        list.Add(c.ToString());
                        i++;
                    }
                    else if (c == '$' && i + 1 < text.Length && text[i + 1] == '(')
                    {
                        // An unquoted $(...) (possibly a property function): up to its balanced parenthesis.
                        int depth = 0, j = i + 1;
                        for (; j < text.Length; j++)
                        {
                            if (text[j] == '(')
                            {
                                depth++;
                            }
                            else if (text[j] == ')' && --depth == 0)
                            {
                                break;
                            }
                        }

                        list.Add("'" + text.Substring(i, Math.Min(j, text.Length - 1) - i + 1) + "'");
                        i = j + 1;
                    }
                    else
                    {
                        int start = i;
                        while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '.' or '-'))
                        {
                            i++;
                        }

                        if (i == start)
                        {
                            throw new FormatException();
                        }

                        list.Add(text.Substring(start, i - start));
                    }
                }

                return list;
            }

            private string? Peek => position < tokens.Count ? tokens[position] : null;

            private string Next() => position < tokens.Count ? tokens[position++] : throw new FormatException();

            private bool Or()
            {
                bool value = And();
                while (string.Equals(Peek, "or", StringComparison.OrdinalIgnoreCase))
                {
                    position++;
                    value = And() | value;
                }

                return value;
            }

            private bool And()
            {
                bool value = Unary();
                while (string.Equals(Peek, "and", StringComparison.OrdinalIgnoreCase))
                {
                    position++;
                    value = Unary() & value;
                }

                return value;
            }

            private bool Unary()
            {
                if (Peek == "!")
                {
                    position++;
                    return !Unary();
                }

                if (Peek == "(")
                {
                    position++;
                    bool inner = Or();
                    if (Next() != ")")
                    {
                        throw new FormatException();
                    }

                    return inner;
                }

                string left = Next();
                if (string.Equals(left, "Exists", StringComparison.OrdinalIgnoreCase) || string.Equals(left, "HasTrailingSlash", StringComparison.OrdinalIgnoreCase))
                {
                    if (Next() != "(")
                    {
                        throw new FormatException();
                    }

                    string argument = Value(Next());
                    if (Next() != ")")
                    {
                        throw new FormatException();
                    }

                    return string.Equals(left, "Exists", StringComparison.OrdinalIgnoreCase)
                        ? argument.Length > 0 && (File.Exists(System.IO.Path.Combine(directory, argument)) || System.IO.Directory.Exists(System.IO.Path.Combine(directory, argument)))
                        : argument.EndsWith('/') || argument.EndsWith('\\');
                }

                string? op = Peek;
                if (op is "==" or "!=" or "<" or ">" or "<=" or ">=")
                {
                    position++;
                    string a = Value(left), b = Value(Next());
                    return op switch
                    {
                        "==" => string.Equals(a, b, StringComparison.OrdinalIgnoreCase),
                        "!=" => !string.Equals(a, b, StringComparison.OrdinalIgnoreCase),
                        _ => Compare(a, b, op),
                    };
                }

                string single = Value(left);
                if (!string.Equals(single, "true", StringComparison.OrdinalIgnoreCase) && !string.Equals(single, "false", StringComparison.OrdinalIgnoreCase))
                {
                    throw new FormatException();
                }

                return string.Equals(single, "true", StringComparison.OrdinalIgnoreCase);
            }

            private static bool Compare(string a, string b, string op)
            {
                if (!double.TryParse(a, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double x)
                    || !double.TryParse(b, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double y))
                {
                    throw new FormatException();
                }

                return op switch { "<" => x < y, ">" => x > y, "<=" => x <= y, _ => x >= y };
            }

            private string Value(string token)
            {
                if (token.Length >= 2 && token[0] == '\'' && token[^1] == '\'')
                {
                    string inner = token[1..^1];
                    if (inner.Contains("$([", StringComparison.Ordinal))
                    {
                        // A property function we do not evaluate: the whole condition is unknown.
                        throw new FormatException();
                    }

                    return expand(inner).Trim();
                }

                return token;
            }
        }
    }

    /// <summary>Target-framework monikers: which one a multi-targeted project is measured for, and the SDK's defines.</summary>
    internal static class TargetFrameworks
    {
        /// <summary>The newest plain .NET (5+) framework of the list, else the first.</summary>
        public static string Pick(IReadOnlyList<string> frameworks)
        {
            var plain = frameworks.Where(f => NetVersion(f) is not null && !f.Contains('-', StringComparison.Ordinal)).OrderByDescending(f => NetVersion(f)).ToList();
            return plain.FirstOrDefault() ?? frameworks.FirstOrDefault() ?? "net10.0";
        }

        /// <summary>X.Y of netX.Y (X at least 5), else null.</summary>
        public static Version? NetVersion(string tfm)
        {
            var m = Regex.Match(tfm, @"^net(\d+)\.(\d+)", RegexOptions.IgnoreCase);
            return m.Success && int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) >= 5
                ? new Version(int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture))
                : null;
        }

        /// <summary>The SDK's implicit preprocessor symbols for a framework (NET, NET8_0, NET8_0_OR_GREATER, ...).</summary>
        public static IEnumerable<string> Defines(string tfm)
        {
            var v = NetVersion(tfm);
            if (v is not null)
            {
                yield return "NET";
                yield return "NETCOREAPP";
                yield return $"NET{v.Major}_{v.Minor}";
                for (int major = 5; major <= v.Major; major++)
                {
                    yield return $"NET{major}_0_OR_GREATER";
                }

                yield return "NETCOREAPP3_1_OR_GREATER";
                yield return "NETCOREAPP3_0_OR_GREATER";
                yield return "NETCOREAPP2_0_OR_GREATER";
                yield return "NETSTANDARD2_1_OR_GREATER";
                yield return "NETSTANDARD2_0_OR_GREATER";
                yield break;
            }

            var standard = Regex.Match(tfm, @"^netstandard(\d+)\.(\d+)", RegexOptions.IgnoreCase);
            if (standard.Success)
            {
                yield return "NETSTANDARD";
                yield return $"NETSTANDARD{standard.Groups[1].Value}_{standard.Groups[2].Value}";
                yield return "NETSTANDARD2_0_OR_GREATER";
                if (standard.Groups[2].Value == "1")
                {
                    yield return "NETSTANDARD2_1_OR_GREATER";
                }
            }
        }
    }
}
