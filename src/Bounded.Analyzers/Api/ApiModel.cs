using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Bounded.Analyzers.Common;
using Bounded.Analyzers.Common.Endpoints;
using Bounded.Analyzers.Common.Options;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Bounded.Analyzers.Api
{
    /// <summary>
    /// The Api family's model of one compilation: endpoint detection (Common/Endpoints) and entity
    /// detection, built once per compilation and shared by BND2001-BND2003. Null when ASP.NET Core is not referenced.
    /// </summary>
    public sealed class ApiModel
    {
        private static readonly ConditionalWeakTable<Compilation, StrongBox<ApiModel?>> Cache = new();

        private readonly ConcurrentDictionary<BoundedOptions, EntityClassifier> _classifiers = new();
        private readonly ConcurrentDictionary<string, EntityClassifier> _classifiersByConfiguration = new(System.StringComparer.Ordinal);
        private ImmutableHashSet<INamedTypeSymbol>? _dbSetEntities;

        private ApiModel(KnownTypes types, EndpointDetector endpoints)
        {
            Types = types;
            Endpoints = endpoints;
        }

        public KnownTypes Types { get; }

        public EndpointDetector Endpoints { get; }

        public static ApiModel? For(Compilation compilation) =>
            Cache.GetValue(compilation, c =>
            {
                var types = KnownTypes.For(c);
                var endpoints = EndpointDetector.Create(types);
                return new StrongBox<ApiModel?>(endpoints == null ? null : new ApiModel(types, endpoints));
            }).Value;

        public EntityClassifier Entities(AnalyzerOptions options, SyntaxTree tree) => Entities(BoundedOptions.For(options, tree));

        /// <summary>
        /// The classifier for the options in force. The compiler hands every syntax tree its own options object even
        /// when all trees share one configuration, so classifiers (and their per-type caches) are shared by configuration.
        /// </summary>
        public EntityClassifier Entities(BoundedOptions options) =>
            _classifiers.TryGetValue(options, out var classifier) ? classifier : _classifiers.GetOrAdd(options, ByConfiguration(options));

        private EntityClassifier ByConfiguration(BoundedOptions options)
        {
            string key = string.Join(",", options.EntityNamespaces) + "\n" + string.Join(",", options.EntityBaseTypes) + "\n" + string.Join(",", options.DtoNamespaces);
            return _classifiersByConfiguration.TryGetValue(key, out var shared) ? shared : _classifiersByConfiguration.GetOrAdd(key, new EntityClassifier(this, options));
        }

        /// <summary>The <c>T</c> of every <c>DbSet&lt;T&gt;</c> property of a DbContext-derived type declared in the compilation (computed on first use).</summary>
        public ImmutableHashSet<INamedTypeSymbol> DbSetEntities
        {
            get
            {
                var value = System.Threading.Volatile.Read(ref _dbSetEntities);
                if (value == null)
                {
                    value = ComputeDbSetEntities();
                    System.Threading.Volatile.Write(ref _dbSetEntities, value);
                }

                return value;
            }
        }

        private ImmutableHashSet<INamedTypeSymbol> ComputeDbSetEntities()
        {
            var builder = ImmutableHashSet.CreateBuilder<INamedTypeSymbol>(SymbolEqualityComparer.Default);
            if (Types.DbContext == null || Types.DbSetOfT == null)
            {
                return builder.ToImmutable();
            }

            // Namespaces and types only (GetTypeMembers, not GetMembers): building every member of every type
            // cost more than the search; only a DbContext's own members are read.
            var namespaces = new Stack<INamespaceSymbol>();
            var types = new Stack<INamedTypeSymbol>();
            namespaces.Push(Types.Compilation.Assembly.GlobalNamespace);
            while (namespaces.Count > 0)
            {
                var ns = namespaces.Pop();
                foreach (var inner in ns.GetNamespaceMembers())
                {
                    namespaces.Push(inner);
                }

                foreach (var type in ns.GetTypeMembers())
                {
                    types.Push(type);
                }

                while (types.Count > 0)
                {
                    var type = types.Pop();
                    foreach (var nested in type.GetTypeMembers())
                    {
                        types.Push(nested);
                    }

                    if (type.TypeKind == TypeKind.Class && IsDbContext(type))
                    {
                        foreach (var typeMember in type.GetMembers())
                        {
                            if (typeMember is IPropertySymbol { Type: INamedTypeSymbol propertyType }
                                && SymbolEqualityComparer.Default.Equals(propertyType.OriginalDefinition, Types.DbSetOfT)
                                && propertyType.TypeArguments[0] is INamedTypeSymbol entity)
                            {
                                builder.Add(entity.OriginalDefinition);
                            }
                        }
                    }
                }
            }

            return builder.ToImmutable();
        }

        private bool IsDbContext(INamedTypeSymbol type)
        {
            for (var t = type.BaseType; t != null; t = t.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(t, Types.DbContext))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
