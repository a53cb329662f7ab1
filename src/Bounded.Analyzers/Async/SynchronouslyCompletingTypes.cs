using Bounded.Analyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Bounded.Analyzers.Async
{
    /// <summary>
    /// The one list of receivers whose async methods complete synchronously anyway (BND4002 does not ask to await them):
    /// <c>MemoryStream</c>, <c>UnmanagedMemoryStream</c>, <c>StringReader</c>, <c>StringWriter</c> (and types deriving from them),
    /// and the Console streams <c>Console.In</c>, <c>Console.Out</c>, <c>Console.Error</c>, <c>Console.OpenStandardInput/Output/Error()</c>.
    /// </summary>
    public static class SynchronouslyCompletingTypes
    {
        public static bool IsSynchronouslyCompleting(IOperation? receiver, KnownTypes types)
        {
            receiver = AsyncContext.Unwrap(receiver);
            if (receiver == null)
            {
                return false;
            }

            if (receiver is IPropertyReferenceOperation { Property: { IsStatic: true, Name: "In" or "Out" or "Error" } property }
                && BlockingSites.Same(property.ContainingType, types.Console))
            {
                return true;
            }

            if (receiver is IInvocationOperation { TargetMethod: { IsStatic: true, Name: "OpenStandardInput" or "OpenStandardOutput" or "OpenStandardError" } method }
                && BlockingSites.Same(method.ContainingType, types.Console))
            {
                return true;
            }

            for (var type = receiver.Type as INamedTypeSymbol; type != null; type = type.BaseType)
            {
                if (BlockingSites.Same(type, types.MemoryStream)
                    || BlockingSites.Same(type, types.UnmanagedMemoryStream)
                    || BlockingSites.Same(type, types.StringReader)
                    || BlockingSites.Same(type, types.StringWriter))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
