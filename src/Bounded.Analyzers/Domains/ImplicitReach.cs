using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Bounded.Analyzers.Domains
{
    /// <summary>
    /// BND1001 for one consuming member: members of another domain's internal types reached without the
    /// type being written (<c>var s = lookup.Find(id); s.Total</c>). The type is reported once, at its first
    /// use, and only when the member does not also write it somewhere (where it is reported already).
    /// Not thread-safe: one per operation-block callback.
    /// </summary>
    internal sealed class ImplicitReach
    {
        private readonly HashSet<ISymbol> _written = new(SymbolEqualityComparer.Default);
        private readonly Dictionary<ISymbol, Diagnostic> _first = new(SymbolEqualityComparer.Default);

        /// <summary>The member's own signature spells these types (return, parameters, constraints).</summary>
        public void WrittenInSignature(ISymbol member)
        {
            switch (member)
            {
                case IMethodSymbol method:
                    AddAll(method.ReturnType);
                    foreach (var parameter in method.Parameters)
                    {
                        AddAll(parameter.Type);
                    }

                    if (method.AssociatedSymbol is IPropertySymbol or IEventSymbol)
                    {
                        WrittenInSignature(method.AssociatedSymbol);
                    }

                    break;
                case IPropertySymbol property:
                    AddAll(property.Type);
                    foreach (var parameter in property.Parameters)
                    {
                        AddAll(parameter.Type);
                    }

                    break;
                case IFieldSymbol field:
                    AddAll(field.Type);
                    break;
                case IEventSymbol @event:
                    AddAll(@event.Type);
                    break;
            }
        }

        /// <summary>A type site of the other domain, reported where it is written.</summary>
        public void Written(INamedTypeSymbol type) => _written.Add(type.OriginalDefinition);

        public void Add(INamedTypeSymbol receiverType, Diagnostic diagnostic)
        {
            var key = receiverType.OriginalDefinition;
            if (!_first.TryGetValue(key, out var existing) || IsBefore(diagnostic.Location, existing.Location))
            {
                _first[key] = diagnostic;
            }
        }

        public void Report(Action<Diagnostic> report, System.Threading.CancellationToken cancellationToken)
        {
            foreach (var pair in _first)
            {
                if (!_written.Contains(pair.Key) && !Common.GeneratedCode.IsHidden(pair.Value.Location, cancellationToken))
                {
                    report(pair.Value);
                }
            }
        }

        private static bool IsBefore(Location a, Location b) =>
            a.SourceTree == b.SourceTree ? a.SourceSpan.Start < b.SourceSpan.Start : string.CompareOrdinal(a.SourceTree?.FilePath, b.SourceTree?.FilePath) < 0;

        private void AddAll(ITypeSymbol? type)
        {
            switch (type)
            {
                case INamedTypeSymbol named:
                    _written.Add(named.OriginalDefinition);
                    foreach (var argument in named.TypeArguments)
                    {
                        AddAll(argument);
                    }

                    if (named.ContainingType != null)
                    {
                        AddAll(named.ContainingType);
                    }

                    break;
                case IArrayTypeSymbol array:
                    AddAll(array.ElementType);
                    break;
                case IPointerTypeSymbol pointer:
                    AddAll(pointer.PointedAtType);
                    break;
            }
        }
    }
}
