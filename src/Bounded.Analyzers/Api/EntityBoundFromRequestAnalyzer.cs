using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Bounded.Analyzers.Api
{
    /// <summary>BND2002: an endpoint parameter bound from the request (<see cref="BindingSources"/>: not a service or an [AsParameters] aggregate) whose type exposes a domain entity.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class EntityBoundFromRequestAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property: the entity's metadata name.</summary>
        public const string EntityKey = "Entity";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rules.EntityBoundFromRequest);

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

                start.RegisterSymbolAction(
                    symbol =>
                    {
                        var method = (IMethodSymbol)symbol.Symbol;
                        if (method.Locations.IsEmpty || !method.Locations[0].IsInSource || !model.Endpoints.IsMvcAction(method))
                        {
                            return;
                        }

                        var entities = model.Entities(symbol.Options, method.Locations[0].SourceTree!);
                        ReportParameters(method, model, entities, reported, symbol.ReportDiagnostic);
                    },
                    SymbolKind.Method);

                start.RegisterOperationAction(
                    operation =>
                    {
                        var invocation = (IInvocationOperation)operation.Operation;
                        var handler = model.Endpoints.GetMinimalHandler(invocation);
                        if (handler != null)
                        {
                            var entities = model.Entities(operation.Options, invocation.Syntax.SyntaxTree);
                            ReportParameters(handler.Method, model, entities, reported, operation.ReportDiagnostic);
                        }
                    },
                    OperationKind.Invocation);
            });
        }

        private static void ReportParameters(IMethodSymbol method, ApiModel model, EntityClassifier entities, ConcurrentDictionary<Location, bool> reported, System.Action<Diagnostic> report)
        {
            foreach (var parameter in method.Parameters)
            {
                if (BindingSources.IsNotBoundFromRequest(parameter, model.Types))
                {
                    continue;
                }

                var entity = entities.FindExposedEntity(parameter.Type, ExposureMode.Wrappers);
                var syntax = entity == null ? null : EndpointSites.ParameterTypeSyntax(parameter);
                if (entity == null || syntax == null)
                {
                    continue;
                }

                var location = syntax.GetLocation();
                if (reported.TryAdd(location, true))
                {
                    report(Diagnostic.Create(
                        Rules.EntityBoundFromRequest,
                        location,
                        ImmutableDictionary<string, string?>.Empty.Add(EntityKey, EntityClassifier.MetadataName(entity.OriginalDefinition)),
                        entity.Name,
                        parameter.Name));
                }
            }
        }
    }
}
