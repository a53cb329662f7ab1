using Microsoft.CodeAnalysis;

namespace Bounded.Analyzers.Common
{
    /// <summary>Types the Async family (BND4001, BND4002) resolves on first use.</summary>
    public sealed partial class KnownTypes
    {
        private object? _taskStatus;
        private object? _thread;
        private object? _iqueryableOfT;
        private object? _efQueryableExtensions;
        private object? _memoryStream;
        private object? _unmanagedMemoryStream;
        private object? _stringReader;
        private object? _stringWriter;
        private object? _console;
        private object? _array;

        public INamedTypeSymbol? TaskStatus => Lazy(ref _taskStatus, "System.Threading.Tasks.TaskStatus");

        public INamedTypeSymbol? Thread => Lazy(ref _thread, "System.Threading.Thread");

        public INamedTypeSymbol? IQueryableOfT => Lazy(ref _iqueryableOfT, "System.Linq.IQueryable`1");

        public INamedTypeSymbol? EntityFrameworkQueryableExtensions => Lazy(ref _efQueryableExtensions, "Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions");

        public INamedTypeSymbol? MemoryStream => Lazy(ref _memoryStream, "System.IO.MemoryStream");

        public INamedTypeSymbol? UnmanagedMemoryStream => Lazy(ref _unmanagedMemoryStream, "System.IO.UnmanagedMemoryStream");

        public INamedTypeSymbol? StringReader => Lazy(ref _stringReader, "System.IO.StringReader");

        public INamedTypeSymbol? StringWriter => Lazy(ref _stringWriter, "System.IO.StringWriter");

        public INamedTypeSymbol? Console => Lazy(ref _console, "System.Console");

        public INamedTypeSymbol? Array => Lazy(ref _array, "System.Array");
    }
}
