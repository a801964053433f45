using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Workbooks.Engine.Tests")]
