console.log("Gyre local runtime: the local platform arrives with Foundation II.");
console.log("For now, try: npx gyre events test-pattern --help");
