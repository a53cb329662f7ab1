using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using Bounded.Analyzers.Common;
using Bounded.Analyzers.Common.Options;
using Microsoft.CodeAnalysis;

namespace Bounded.Analyzers.Api
{
    /// <summary>How far a type is unwrapped when looking for an entity inside it.</summary>
    public enum ExposureMode
    {
        /// <summary>The wrappers rules.md lists (tasks, results, collections, arrays, dictionary values, Nullable).</summary>
        Wrappers,

        /// <summary>The wrappers plus the type arguments of any generic class or struct (<c>PaginatedItems&lt;Product&gt;</c>): what a serializer writes out.</summary>
        Payload,
    }

    /// <summary>
    /// Answers "is this a domain entity" and "does this type expose an entity" for one set of options
    /// in one compilation. Every answer is cached; instances are shared by all callbacks of the compilation.
    /// </summary>
    public sealed class EntityClassifier
    {
        private static readonly ImmutableHashSet<string> WrapperNames = ImmutableHashSet.Create(
            StringComparer.Ordinal,
            "System.Threading.Tasks.Task`1",
            "System.Threading.Tasks.ValueTask`1",
            "System.Nullable`1",
            "System.Lazy`1",
            "System.Collections.Generic.IAsyncEnumerable`1",
            "System.Collections.Generic.KeyValuePair`2",
            "Microsoft.AspNetCore.Mvc.ActionResult`1",
            "Microsoft.AspNetCore.Http.HttpResults.Ok`1",
            "Microsoft.AspNetCore.Http.HttpResults.Created`1",
            "Microsoft.AspNetCore.Http.HttpResults.CreatedAtRoute`1",
            "Microsoft.AspNetCore.Http.HttpResults.Accepted`1",
            "Microsoft.AspNetCore.Http.HttpResults.AcceptedAtRoute`1",
            "Microsoft.AspNetCore.Http.HttpResults.JsonHttpResult`1",
            "Microsoft.AspNetCore.Http.HttpResults.Results`2",
            "Microsoft.AspNetCore.Http.HttpResults.Results`3",
            "Microsoft.AspNetCore.Http.HttpResults.Results`4",
            "Microsoft.AspNetCore.Http.HttpResults.Results`5",
            "Microsoft.AspNetCore.Http.HttpResults.Results`6");

        private readonly ApiModel _model;
        private readonly BoundedOptions _options;
        private readonly ConcurrentDictionary<ITypeSymbol, bool> _entities = new(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<ITypeSymbol, INamedTypeSymbol?> _wrapperExposure = new(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<ITypeSymbol, INamedTypeSymbol?> _payloadExposure = new(SymbolEqualityComparer.Default);

        internal EntityClassifier(ApiModel model, BoundedOptions options)
        {
            _model = model;
            _options = options;
        }

        public BoundedOptions Options => _options;

        /// <summary>A class, record or struct that is a domain entity (see rules.md, "What is a domain entity").</summary>
        public bool IsEntity(ITypeSymbol? type) =>
            type is INamedTypeSymbol named
                && (_entities.TryGetValue(named.OriginalDefinition, out bool entity) ? entity : _entities.GetOrAdd(named.OriginalDefinition, t => ComputeIsEntity((INamedTypeSymbol)t)));

        /// <summary>The first entity the type exposes (itself, or through unwrapping), or null.</summary>
        public INamedTypeSymbol? FindExposedEntity(ITypeSymbol? type, ExposureMode mode)
        {
            if (type == null || type.TypeKind == TypeKind.Error)
            {
                return null;
            }

            var cache = mode == ExposureMode.Payload ? _payloadExposure : _wrapperExposure;
            if (cache.TryGetValue(type, out var known))
            {
                return known;
            }

            var found = Find(type, mode, new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default), 0);
            cache.TryAdd(type, found);
            return found;
        }

        /// <summary>Whether the type is a wrapper the rules unwrap (so the type itself is not a DTO).</summary>
        public bool IsWrapper(INamedTypeSymbol type) => type.IsGenericType && WrapperNames.Contains(MetadataName(type.OriginalDefinition));

        /// <summary>The element type when the type is an array or implements IEnumerable&lt;T&gt; (string excluded).</summary>
        public ITypeSymbol? ElementType(ITypeSymbol type)
        {
            if (type is IArrayTypeSymbol array)
            {
                return array.ElementType;
            }

            if (type.SpecialType == SpecialType.System_String || _model.Types.IEnumerableOfT is not { } enumerable)
            {
                return null;
            }

            if (type is INamedTypeSymbol named && SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, enumerable))
            {
                return named.TypeArguments[0];
            }

            foreach (var i in type.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(i.OriginalDefinition, enumerable))
                {
                    return i.TypeArguments[0];
                }
            }

            return null;
        }

        private INamedTypeSymbol? Find(ITypeSymbol type, ExposureMode mode, HashSet<ITypeSymbol> seen, int depth)
        {
            if (depth > 8 || !seen.Add(type) || type.TypeKind == TypeKind.Error)
            {
                return null;
            }

            if (type is IArrayTypeSymbol array)
            {
                return Find(array.ElementType, mode, seen, depth + 1);
            }

            if (type is not INamedTypeSymbol named)
            {
                return null;
            }

            if (IsEntity(named))
            {
                return named;
            }

            if (named.IsGenericType)
            {
                bool unwrapArguments = IsWrapper(named)
                    || (mode == ExposureMode.Payload && named.TypeKind is TypeKind.Class or TypeKind.Struct && !IsFrameworkType(named));
                if (unwrapArguments)
                {
                    foreach (var argument in named.TypeArguments)
                    {
                        var found = Find(argument, mode, seen, depth + 1);
                        if (found != null)
                        {
                            return found;
                        }
                    }
                }
            }

            // Collections and dictionaries (a dictionary is an IEnumerable<KeyValuePair<K, V>>: the pair unwraps to its value).
            var element = ElementType(named);
            if (element != null)
            {
                if (element is INamedTypeSymbol pair && pair.IsGenericType && MetadataName(pair.OriginalDefinition) == "System.Collections.Generic.KeyValuePair`2")
                {
                    return Find(pair.TypeArguments[1], mode, seen, depth + 1);
                }

                return Find(element, mode, seen, depth + 1);
            }

            return null;
        }

        /// <summary>Framework generic types (Func, ILogger...) are not payloads; their arguments are not serialized.</summary>
        public static bool IsFrameworkType(INamedTypeSymbol type)
        {
            string ns = type.ContainingNamespace?.ToDisplayString() ?? string.Empty;
            return ns == "System" || ns.StartsWith("System.", StringComparison.Ordinal)
                || ns == "Microsoft" || ns.StartsWith("Microsoft.", StringComparison.Ordinal);
        }

        private bool ComputeIsEntity(INamedTypeSymbol type)
        {
            if (type.TypeKind is not (TypeKind.Class or TypeKind.Struct) || type.IsStatic || type.IsAnonymousType
                || type.SpecialType != SpecialType.None || type.IsTupleType)
            {
                return false;
            }

            var ns = NamespaceSegments(type);
            if (ns.Count > 0 && (ns[0] == "System" || ns[0] == "Microsoft"))
            {
                return false;
            }

            if (InDtoNamespace(ns) || DerivesFrom(type, _model.Types.Exception) || DerivesFrom(type, _model.Types.DbContext)
                || type.GetAttributes().IsEmpty == false && IsAttributeType(type))
            {
                return false;
            }

            // A domain service, policy or specification lives in the Domain namespace too, but it carries no
            // data a client could post or read: it is injected, not bound or returned.
            if (InEntityNamespace(ns) && CarriesData(type))
            {
                return true;
            }

            if (_model.DbSetEntities.Contains(type))
            {
                return true;
            }

            if (!_options.EntityBaseTypes.IsEmpty)
            {
                for (var t = type.BaseType; t != null; t = t.BaseType)
                {
                    if (_options.EntityBaseTypes.Contains(t.Name))
                    {
                        return true;
                    }
                }

                foreach (var i in type.AllInterfaces)
                {
                    if (_options.EntityBaseTypes.Contains(i.Name))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private bool InEntityNamespace(IReadOnlyList<string> ns)
        {
            foreach (var segment in ns)
            {
                foreach (var entityNamespace in _options.EntityNamespaces)
                {
                    if (string.Equals(segment, entityNamespace, StringComparison.Ordinal))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>The type (or a base type below object) has a public instance property or field.</summary>
        private static bool CarriesData(INamedTypeSymbol type)
        {
            for (var t = type; t != null && t.SpecialType != SpecialType.System_Object && t.SpecialType != SpecialType.System_ValueType; t = t.BaseType)
            {
                foreach (var member in t.GetMembers())
                {
                    if (member.DeclaredAccessibility == Accessibility.Public && !member.IsStatic
                        && member is IPropertySymbol or IFieldSymbol)
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool IsAttributeType(INamedTypeSymbol type)
        {
            for (var t = type.BaseType; t != null; t = t.BaseType)
            {
                if (t.Name == "Attribute" && t.ContainingNamespace?.Name == "System")
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether the type's namespace contains one of <c>bounded.dto_namespaces</c> as consecutive segments.</summary>
        public bool InDtoNamespace(ITypeSymbol type) => InDtoNamespace(NamespaceSegments(type));

        private bool InDtoNamespace(IReadOnlyList<string> ns)
        {
            foreach (var dto in _options.DtoNamespaces)
            {
                var parts = dto.Split('.');
                for (int start = 0; start + parts.Length <= ns.Count; start++)
                {
                    bool match = true;
                    for (int i = 0; i < parts.Length && match; i++)
                    {
                        match = string.Equals(ns[start + i], parts[i], StringComparison.Ordinal);
                    }

                    if (match)
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static List<string> NamespaceSegments(ITypeSymbol type)
        {
            var segments = new List<string>();
            for (var ns = type.ContainingNamespace; ns != null && !ns.IsGlobalNamespace; ns = ns.ContainingNamespace)
            {
                segments.Insert(0, ns.Name);
            }

            return segments;
        }

        private static bool DerivesFrom(INamedTypeSymbol type, INamedTypeSymbol? baseType)
        {
            if (baseType == null)
            {
                return false;
            }

            for (var t = type.BaseType; t != null; t = t.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(t, baseType))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The name <see cref="Compilation.GetTypeByMetadataName"/> resolves (nested types joined with '+').</summary>
        public static string MetadataName(INamedTypeSymbol type)
        {
            string ns = type.ContainingNamespace == null || type.ContainingNamespace.IsGlobalNamespace ? string.Empty : type.ContainingNamespace.ToDisplayString() + ".";
            return type.ContainingType == null ? ns + type.MetadataName : MetadataName(type.ContainingType) + "+" + type.MetadataName;
        }
    }
}
