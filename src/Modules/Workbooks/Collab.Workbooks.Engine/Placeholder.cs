namespace Collab.Workbooks.Engine;
