using System;

namespace Bounded.Tests.Verification
{
    /// <summary>A verification failed; the message shows expected against actual as <c>file line:column ID message</c>.</summary>
    public sealed class VerificationException : Exception
    {
        public VerificationException(string message)
            : base(message)
        {
        }
    }
}
