using System.Text;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Bounded.Analyzers.Domains
{
    /// <summary>
    /// The cheap screen of a using directive, from its text: a directive can cross a boundary only if
    /// the namespace it spells, read as written or relative to any enclosing namespace, or one of that
    /// name's prefixes (the namespace of a type a static or alias directive names), could. Directives
    /// with generic names, tuples or arrays are always bound. Most directives (System.*, the module's
    /// own namespaces, other modules' contracts) are dismissed without binding.
    /// </summary>
    internal static class UsingScreen
    {
        public static bool MayCross(UsingDirectiveSyntax directive, string enclosingNamespace, Placement from, Boundaries boundaries)
        {
            if (directive.NamespaceOrType is not NameSyntax name || !IsPlainDottedName(name))
            {
                return true; // generic, tuple, array, pointer targets: bind them
            }

            string written = Text(name);
            if (written.Length == 0)
            {
                return true;
            }

            bool global = Leftmost(name) is AliasQualifiedNameSyntax; // global::A.B is never relative
            if (PrefixesMayCross(written, from, boundaries))
            {
                return true;
            }

            // Inside namespace A.B, "C.D" may mean A.B.C.D or A.C.D.
            if (!global)
            {
                for (string scope = enclosingNamespace; scope.Length > 0; scope = Parent(scope))
                {
                    if (PrefixesMayCross(scope + "." + written, from, boundaries))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>The full name of a namespace declaration, enclosing declarations included.</summary>
        public static string FullName(BaseNamespaceDeclarationSyntax declaration)
        {
            string name = Text(declaration.Name);
            for (var parent = declaration.Parent as BaseNamespaceDeclarationSyntax; parent != null; parent = parent.Parent as BaseNamespaceDeclarationSyntax)
            {
                name = Text(parent.Name) + "." + name;
            }

            return name;
        }

        private static bool PrefixesMayCross(string fullName, Placement from, Boundaries boundaries)
        {
            for (string candidate = fullName; candidate.Length > 0; candidate = Parent(candidate))
            {
                if (CrossingRules.Judge(from, boundaries.Map.Get(candidate), frameworkSite: true) != Crossing.None)
                {
                    return true;
                }
            }

            return false;
        }

        private static string Parent(string name)
        {
            int dot = name.LastIndexOf('.');
            return dot < 0 ? string.Empty : name.Substring(0, dot);
        }

        private static NameSyntax Leftmost(NameSyntax name) => name is QualifiedNameSyntax qualified ? Leftmost(qualified.Left) : name;

        private static bool IsPlainDottedName(NameSyntax name) => name switch
        {
            IdentifierNameSyntax => true,
            QualifiedNameSyntax qualified => IsPlainDottedName(qualified.Left) && qualified.Right is IdentifierNameSyntax,
            AliasQualifiedNameSyntax aliased => aliased.Alias.Identifier.ValueText == "global" && aliased.Name is IdentifierNameSyntax,
            _ => false,
        };

        private static string Text(NameSyntax name)
        {
            switch (name)
            {
                case IdentifierNameSyntax identifier:
                    return identifier.Identifier.ValueText;
                case QualifiedNameSyntax qualified:
                    var builder = new StringBuilder();
                    Append(builder, qualified);
                    return builder.ToString();
                case AliasQualifiedNameSyntax aliased:
                    return aliased.Name.Identifier.ValueText;
                default:
                    return name.ToString();
            }
        }

        private static void Append(StringBuilder builder, NameSyntax name)
        {
            switch (name)
            {
                case QualifiedNameSyntax qualified:
                    Append(builder, qualified.Left);
                    builder.Append('.').Append(((SimpleNameSyntax)qualified.Right).Identifier.ValueText);
                    break;
                case AliasQualifiedNameSyntax aliased:
                    builder.Append(aliased.Name.Identifier.ValueText);
                    break;
                case SimpleNameSyntax simple:
                    builder.Append(simple.Identifier.ValueText);
                    break;
            }
        }
    }
}
