using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Bounded.Analyzers.Api
{
    /// <summary>
    /// BND2003: a public property or field of a DTO whose type exposes a domain entity. A DTO is a
    /// non-entity type an endpoint returns or binds (after unwrapping), or a type named *Dto, *Response,
    /// *Request, or in <c>bounded.dto_namespaces</c>.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class EntityInsideDtoAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rules.EntityInsideDto);

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

                var checkedTypes = new ConcurrentDictionary<INamedTypeSymbol, bool>(SymbolEqualityComparer.Default);

                start.RegisterSymbolAction(
                    symbol =>
                    {
                        var type = (INamedTypeSymbol)symbol.Symbol;
                        if (type.Locations.IsEmpty || !type.Locations[0].IsInSource)
                        {
                            return;
                        }

                        var entities = model.Entities(symbol.Options, type.Locations[0].SourceTree!);
                        if (IsNamedDto(type) || entities.InDtoNamespace(type))
                        {
                            CheckDto(type, entities, model, checkedTypes, symbol.ReportDiagnostic);
                        }
                    },
                    SymbolKind.NamedType);

                start.RegisterSymbolAction(
                    symbol =>
                    {
                        var method = (IMethodSymbol)symbol.Symbol;
                        if (method.Locations.IsEmpty || !method.Locations[0].IsInSource || !model.Endpoints.IsMvcAction(method))
                        {
                            return;
                        }

                        var entities = model.Entities(symbol.Options, method.Locations[0].SourceTree!);
                        CheckEndpointTypes(method, null, model, entities, checkedTypes, symbol.ReportDiagnostic);
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
                            CheckEndpointTypes(handler.Method, handler.Lambda, model, entities, checkedTypes, operation.ReportDiagnostic);
                        }
                    },
                    OperationKind.Invocation);
            });
        }

        private static bool IsNamedDto(INamedTypeSymbol type) =>
            type.TypeKind is TypeKind.Class or TypeKind.Struct
            && (type.Name.EndsWith("Dto", StringComparison.Ordinal)
                || type.Name.EndsWith("Response", StringComparison.Ordinal)
                || type.Name.EndsWith("Request", StringComparison.Ordinal));

        private static void CheckEndpointTypes(IMethodSymbol method, IAnonymousFunctionOperation? lambda, ApiModel model, EntityClassifier entities, ConcurrentDictionary<INamedTypeSymbol, bool> checkedTypes, Action<Diagnostic> report)
        {
            var candidates = new List<INamedTypeSymbol>();
            if (lambda == null)
            {
                CollectPayloadTypes(method.ReturnType, entities, candidates, 0);
            }
            else
            {
                foreach (var operation in EndpointSites.OwnOperations(lambda.Body))
                {
                    if (operation is IReturnOperation { ReturnedValue: { } returned })
                    {
                        CollectPayloadTypes(EndpointSites.WithoutConversions(returned).Type, entities, candidates, 0);
                    }
                }
            }

            // Bound from the request by the same decision as BND2002 (BindingSources): services are not DTOs, and an
            // [AsParameters] aggregate contributes only its members that are bound.
            foreach (var parameter in method.Parameters)
            {
                if (BindingSources.IsAsParameters(parameter, model.Types))
                {
                    foreach (var member in BindingSources.BoundMembers(parameter.Type, model.Types))
                    {
                        CollectPayloadTypes(member, entities, candidates, 0);
                    }
                }
                else if (!BindingSources.IsService(parameter, model.Types))
                {
                    CollectPayloadTypes(parameter.Type, entities, candidates, 0);
                }
            }

            foreach (var candidate in candidates)
            {
                CheckDto(candidate, entities, model, checkedTypes, report);
            }
        }

        /// <summary>The source-declared, non-entity named types a type carries after unwrapping (the DTOs).</summary>
        private static void CollectPayloadTypes(ITypeSymbol? type, EntityClassifier entities, List<INamedTypeSymbol> into, int depth)
        {
            if (type == null || depth > 8)
            {
                return;
            }

            if (type is IArrayTypeSymbol array)
            {
                CollectPayloadTypes(array.ElementType, entities, into, depth + 1);
                return;
            }

            if (type is not INamedTypeSymbol named || entities.IsEntity(named))
            {
                return;
            }

            // A framework generic that is neither a wrapper, a tuple nor a collection (UserManager<AppUser>, IOptions<T>) is
            // not serialized: its type arguments are not payloads. A collection's payload is its element (a dictionary's value).
            if (named.IsGenericType && !named.IsTupleType && !entities.IsWrapper(named) && EntityClassifier.IsFrameworkType(named))
            {
                var element = entities.ElementType(named);
                if (element is INamedTypeSymbol { IsGenericType: true } pair
                    && EntityClassifier.MetadataName(pair.OriginalDefinition) == "System.Collections.Generic.KeyValuePair`2")
                {
                    element = pair.TypeArguments[1];
                }

                CollectPayloadTypes(element, entities, into, depth + 1);
                return;
            }

            foreach (var argument in named.TypeArguments)
            {
                CollectPayloadTypes(argument, entities, into, depth + 1);
            }

            if (!entities.IsWrapper(named) && named.Locations.Length > 0 && named.Locations[0].IsInSource)
            {
                into.Add(named.OriginalDefinition);
            }
        }

        private static void CheckDto(INamedTypeSymbol type, EntityClassifier entities, ApiModel model, ConcurrentDictionary<INamedTypeSymbol, bool> checkedTypes, Action<Diagnostic> report)
        {
            type = type.OriginalDefinition;

            // A DbContext is never a DTO: its DbSet<T> properties are how it reaches the entities, not a payload.
            if (type.TypeKind is not (TypeKind.Class or TypeKind.Struct) || entities.IsEntity(type)
                || BindingSources.IsDbContext(type, model.Types) || !checkedTypes.TryAdd(type, true))
            {
                return;
            }

            foreach (var member in type.GetMembers())
            {
                if (member.IsStatic || member.IsImplicitlyDeclared || member.DeclaredAccessibility != Accessibility.Public)
                {
                    continue;
                }

                ITypeSymbol? memberType = member switch
                {
                    IPropertySymbol { IsIndexer: false } property => property.Type,
                    IFieldSymbol field => field.Type,
                    _ => null,
                };
                var entity = entities.FindExposedEntity(memberType, ExposureMode.Payload);
                var location = entity == null ? null : MemberLocation(member);
                if (entity != null && location != null)
                {
                    report(Diagnostic.Create(Rules.EntityInsideDto, location, type.Name, entity.Name, member.Name));
                }
            }
        }

        private static Location? MemberLocation(ISymbol member)
        {
            foreach (var reference in member.DeclaringSyntaxReferences)
            {
                switch (reference.GetSyntax())
                {
                    case PropertyDeclarationSyntax property:
                        return property.Type.GetLocation();
                    case ParameterSyntax { Type: { } type }:
                        return type.GetLocation();
                    case VariableDeclaratorSyntax declarator:
                        return declarator.Identifier.GetLocation();
                }
            }

            return null;
        }
    }
}
