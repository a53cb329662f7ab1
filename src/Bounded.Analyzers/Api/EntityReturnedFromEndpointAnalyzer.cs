using System.Collections.Concurrent;
using System.Collections.Immutable;
using Bounded.Analyzers.Common.Endpoints;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Bounded.Analyzers.Api
{
    /// <summary>
    /// BND2001: an endpoint's declared return type exposes a domain entity (reported at the type), or a
    /// result factory / lambda return inside an endpoint carries one (reported at the value).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class EntityReturnedFromEndpointAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property: the entity's metadata name.</summary>
        public const string EntityKey = "Entity";

        /// <summary>Diagnostic property: which kind of site ("ReturnType", "Value").</summary>
        public const string SiteKey = "Site";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rules.EntityReturnedFromEndpoint);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start =>
            {
                var model = ApiModel.For(start.Compilation);
                if (model == null)
                {
                    return;
                }

                var reported = new ConcurrentDictionary<Location, bool>();

                start.RegisterOperationBlockAction(block =>
                {
                    if (block.OwningSymbol is not IMethodSymbol method || block.OperationBlocks.IsEmpty || !model.Endpoints.IsMvcAction(method))
                    {
                        return;
                    }

                    var entities = model.Entities(block.Options, block.OperationBlocks[0].Syntax.SyntaxTree);
                    var declared = ReportReturnType(method, entities, reported, block.ReportDiagnostic);
                    foreach (var root in block.OperationBlocks)
                    {
                        ReportValues(root, declared, lambdaReturns: false, model, entities, reported, block.ReportDiagnostic);
                    }
                });

                start.RegisterOperationAction(
                    operation =>
                    {
                        var invocation = (IInvocationOperation)operation.Operation;
                        var handler = model.Endpoints.GetMinimalHandler(invocation);
                        if (handler == null)
                        {
                            return;
                        }

                        var entities = model.Entities(operation.Options, invocation.Syntax.SyntaxTree);
                        INamedTypeSymbol? declared = null;
                        if (handler.Lambda == null)
                        {
                            declared = ReportReturnType(handler.Method, entities, reported, operation.ReportDiagnostic);
                        }

                        var body = EndpointSites.HandlerBody(handler, invocation);
                        if (body != null)
                        {
                            ReportValues(body, declared, lambdaReturns: handler.Lambda != null, model, entities, reported, operation.ReportDiagnostic);
                        }
                    },
                    OperationKind.Invocation);
            });
        }

        /// <summary>Reports the declared return type when it exposes an entity; returns that entity.</summary>
        private static INamedTypeSymbol? ReportReturnType(IMethodSymbol method, EntityClassifier entities, ConcurrentDictionary<Location, bool> reported, System.Action<Diagnostic> report)
        {
            var entity = entities.FindExposedEntity(method.ReturnType, ExposureMode.Payload);
            if (entity == null)
            {
                return null;
            }

            var syntax = EndpointSites.ReturnTypeSyntax(method);
            if (syntax != null)
            {
                var location = syntax.GetLocation();
                if (reported.TryAdd(location, true))
                {
                    report(Create(location, entity, "ReturnType"));
                }
            }

            return entity;
        }

        private static void ReportValues(IOperation body, INamedTypeSymbol? declaredEntity, bool lambdaReturns, ApiModel model, EntityClassifier entities, ConcurrentDictionary<Location, bool> reported, System.Action<Diagnostic> report)
        {
            foreach (var operation in EndpointSites.OwnOperations(body))
            {
                IOperation? value = null;
                if (operation is IInvocationOperation or IObjectCreationOperation)
                {
                    value = EndpointSites.CarriedValue(operation, model.Types);
                }
                else if (lambdaReturns && operation is IReturnOperation { ReturnedValue: { } returned })
                {
                    var unwrapped = EndpointSites.WithoutConversions(returned);
                    if (EndpointSites.CarriedValue(unwrapped, model.Types) == null)
                    {
                        value = unwrapped;
                    }
                }

                if (value?.Type == null)
                {
                    continue;
                }

                var entity = entities.FindExposedEntity(value.Type, ExposureMode.Payload);
                if (entity == null || (declaredEntity != null && SymbolEqualityComparer.Default.Equals(entity.OriginalDefinition, declaredEntity.OriginalDefinition)))
                {
                    continue;
                }

                var location = value.Syntax.GetLocation();
                if (reported.TryAdd(location, true))
                {
                    report(Create(location, entity, "Value"));
                }
            }
        }

        private static Diagnostic Create(Location location, INamedTypeSymbol entity, string site) =>
            Diagnostic.Create(
                Rules.EntityReturnedFromEndpoint,
                location,
                ImmutableDictionary<string, string?>.Empty.Add(EntityKey, EntityClassifier.MetadataName(entity.OriginalDefinition)).Add(SiteKey, site),
                entity.Name);
    }
}
