using Microsoft.CodeAnalysis;

namespace Bounded.Analyzers.Common
{
    /// <summary>ASP.NET Core and EF Core types the Api family (and endpoint detection) needs.</summary>
    public sealed partial class KnownTypes
    {
        private object? _apiControllerAttribute;
        private object? _controllerAttribute;
        private object? _fromServicesAttribute;
        private object? _asParametersAttribute;
        private object? _endpointRouteBuilder;
        private object? _endpointRouteBuilderExtensions;
        private object? _objectResult;
        private object? _jsonResult;
        private object? _results;
        private object? _typedResults;
        private object? _nullable;
        private object? _exception;

        public INamedTypeSymbol? ApiControllerAttribute => Lazy(ref _apiControllerAttribute, "Microsoft.AspNetCore.Mvc.ApiControllerAttribute");

        public INamedTypeSymbol? ControllerAttribute => Lazy(ref _controllerAttribute, "Microsoft.AspNetCore.Mvc.ControllerAttribute");

        public INamedTypeSymbol? FromServicesAttribute => Lazy(ref _fromServicesAttribute, "Microsoft.AspNetCore.Mvc.FromServicesAttribute");

        public INamedTypeSymbol? AsParametersAttribute => Lazy(ref _asParametersAttribute, "Microsoft.AspNetCore.Http.AsParametersAttribute");

        public INamedTypeSymbol? EndpointRouteBuilder => Lazy(ref _endpointRouteBuilder, "Microsoft.AspNetCore.Routing.IEndpointRouteBuilder");

        public INamedTypeSymbol? EndpointRouteBuilderExtensions => Lazy(ref _endpointRouteBuilderExtensions, "Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions");

        public INamedTypeSymbol? ObjectResult => Lazy(ref _objectResult, "Microsoft.AspNetCore.Mvc.ObjectResult");

        public INamedTypeSymbol? JsonResult => Lazy(ref _jsonResult, "Microsoft.AspNetCore.Mvc.JsonResult");

        public INamedTypeSymbol? HttpResults => Lazy(ref _results, "Microsoft.AspNetCore.Http.Results");

        public INamedTypeSymbol? HttpTypedResults => Lazy(ref _typedResults, "Microsoft.AspNetCore.Http.TypedResults");

        public INamedTypeSymbol? NullableOfT => Lazy(ref _nullable, "System.Nullable`1");

        public INamedTypeSymbol? Exception => Lazy(ref _exception, "System.Exception");
    }
}
