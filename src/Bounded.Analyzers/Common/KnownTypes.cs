using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace Bounded.Analyzers.Common
{
    /// <summary>
    /// Well-known types of one compilation, resolved once (in a compilation-start action) and shared
    /// by every callback of that compilation. A member is null when the compilation does not reference
    /// the type; a family whose anchor types are null registers nothing.
    /// This file holds the types several families use; a family adds its own, lazily resolved, in
    /// <c>KnownTypes.&lt;Family&gt;.cs</c> (this class is partial so families do not edit each other's lines).
    /// </summary>
    public sealed partial class KnownTypes
    {
        private static readonly ConditionalWeakTable<Compilation, KnownTypes> Cache = new();

        private KnownTypes(Compilation compilation)
        {
            Compilation = compilation;
            Task = Type("System.Threading.Tasks.Task");
            TaskOfT = Type("System.Threading.Tasks.Task`1");
            ValueTask = Type("System.Threading.Tasks.ValueTask");
            ValueTaskOfT = Type("System.Threading.Tasks.ValueTask`1");
            IAsyncEnumerableOfT = Type("System.Collections.Generic.IAsyncEnumerable`1");
            CancellationToken = Type("System.Threading.CancellationToken");
            CancellationTokenSource = Type("System.Threading.CancellationTokenSource");
            ObsoleteAttribute = Type("System.ObsoleteAttribute");
            IEnumerableOfT = Type("System.Collections.Generic.IEnumerable`1");
            Enumerable = Type("System.Linq.Enumerable");
        }

        public Compilation Compilation { get; }

        public INamedTypeSymbol? Task { get; }

        public INamedTypeSymbol? TaskOfT { get; }

        public INamedTypeSymbol? ValueTask { get; }

        public INamedTypeSymbol? ValueTaskOfT { get; }

        public INamedTypeSymbol? IAsyncEnumerableOfT { get; }

        public INamedTypeSymbol? CancellationToken { get; }

        public INamedTypeSymbol? CancellationTokenSource { get; }

        public INamedTypeSymbol? ObsoleteAttribute { get; }

        public INamedTypeSymbol? IEnumerableOfT { get; }

        public INamedTypeSymbol? Enumerable { get; }

        // Used by more than one family (Api and Cancellation detect controller actions; Api and Async look at EF Core).
        private object? _controllerBase;
        private object? _nonActionAttribute;
        private object? _dbContext;
        private object? _dbSetOfT;

        public INamedTypeSymbol? ControllerBase => Lazy(ref _controllerBase, "Microsoft.AspNetCore.Mvc.ControllerBase");

        public INamedTypeSymbol? NonActionAttribute => Lazy(ref _nonActionAttribute, "Microsoft.AspNetCore.Mvc.NonActionAttribute");

        public INamedTypeSymbol? DbContext => Lazy(ref _dbContext, "Microsoft.EntityFrameworkCore.DbContext");

        public INamedTypeSymbol? DbSetOfT => Lazy(ref _dbSetOfT, "Microsoft.EntityFrameworkCore.DbSet`1");

        /// <summary>The compilation's types, resolved on first use and cached for the compilation's lifetime.</summary>
        public static KnownTypes For(Compilation compilation) => Cache.GetValue(compilation, c => new KnownTypes(c));

        /// <summary>Resolves a type by metadata name; null when absent or ambiguous across references.</summary>
        public INamedTypeSymbol? Type(string metadataName) => Compilation.GetTypeByMetadataName(metadataName);

        /// <summary>
        /// For a family's own members, resolved on first use:
        /// <c>private object? _dbContext; public INamedTypeSymbol? DbContext => Lazy(ref _dbContext, "Microsoft.EntityFrameworkCore.DbContext");</c>
        /// The field holds the symbol or a sentinel for "absent"; a reference write is atomic, so a race
        /// between threads at worst resolves the same symbol twice.
        /// </summary>
        private INamedTypeSymbol? Lazy(ref object? field, string metadataName)
        {
            var value = System.Threading.Volatile.Read(ref field);
            if (value == null)
            {
                value = (object?)Type(metadataName) ?? Absent;
                System.Threading.Volatile.Write(ref field, value);
            }

            return value as INamedTypeSymbol;
        }

        private static readonly object Absent = new();
    }
}
