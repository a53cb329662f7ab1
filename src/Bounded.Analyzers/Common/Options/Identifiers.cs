using Microsoft.CodeAnalysis.CSharp;

namespace Bounded.Analyzers.Common.Options
{
    internal static class Identifiers
    {
        /// <summary>A C# identifier (namespace segment, type or layer name), checked as the compiler would.</summary>
        public static bool IsValid(string text) =>
            text.Length > 0 && SyntaxFacts.IsValidIdentifier(text) && SyntaxFacts.GetKeywordKind(text) == SyntaxKind.None;

        /// <summary>A dotted name such as <c>Microsoft.EntityFrameworkCore</c> or <c>Models.Api</c>.</summary>
        public static bool IsValidDotted(string text)
        {
            foreach (var part in text.Split('.'))
            {
                if (!IsValid(part))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
