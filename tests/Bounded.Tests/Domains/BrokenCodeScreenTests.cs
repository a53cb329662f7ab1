using System.Threading.Tasks;
using Xunit;
using Verify = Bounded.Tests.Verification.CSharpAnalyzerVerifier<Bounded.Analyzers.Domains.DomainReferenceAnalyzer>;

namespace Bounded.Tests.Domains
{
    /// <summary>
    /// BND1001 in code under an invalid operation, which the operation tree does not describe: the name screen
    /// (<c>CrossingNames</c>) lets the binding walk run only where an identifier spells a type or member of a crossing
    /// namespace, or an alias. Each test names one way such code can still name another domain.
    /// </summary>
    public class BrokenCodeScreenTests
    {
        private static Task Run(string ordering)
        {
            var test = new Verify.Test { TestCode = ordering };
            test.TestState.MainProject.Add("Billing.cs", DomainSources.Billing);
            return test.RunAsync();
        }

        [Fact]
        public Task BrokenCode_AliasOfAnotherDomainsTypeBeforeAMissingMember() => Run(@"
namespace Shop.Modules.Ordering.Application
{
    using Bill = {|BND1001:Shop.Modules.Billing.Domain.Invoice|};

    public class OrderService
    {
        public object Broken() => {|BND1001:Bill|}.{|CS0117:Missing|}();
    }
}");

        [Fact]
        public Task BrokenCode_StaticMemberOfAnotherDomainWithAMissingArgument() => Run(@"
namespace Shop.Modules.Ordering.Application
{
    public class OrderService
    {
        public object Broken() => {|BND1001:Shop.Modules.Billing.Domain.Invoice|}.Issue({|CS0103:missing|});
    }
}");

        [Fact]
        public Task BrokenCode_AttributeOfAnotherDomainOnALambdaInBrokenCode() => Run(@"
namespace Shop.Modules.Ordering.Application
{
    [System.AttributeUsage(System.AttributeTargets.All)]
    public sealed class TagAttribute : System.Attribute { public TagAttribute(object value) { } }

    public class OrderService
    {
        public void Broken()
        {
            System.Action a = [Tag(typeof({|BND1001:Shop.Modules.Billing.Domain.Invoice|}))] () => {|CS0103:Missing|}();
        }
    }
}");

        [Fact]
        public Task BrokenCode_NamingOnlyItsOwnDomainAndTheFramework_NoDiagnostic() => Run(@"
using System.Collections.Generic;

namespace Shop.Modules.Ordering.Application
{
    public class Order { public decimal Total { get; set; } }

    public class OrderService
    {
        public object Broken(List<Order> orders) => orders.{|CS1061:Missing|}(new Order().Total, System.Math.Max(1, 2));
    }
}");
    }
}
