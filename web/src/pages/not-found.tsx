export const NotFound = () => (
  <section>
    <h1>No such page</h1>
    <p>
      This address is not a page of the console. <a href="/">Go to the overview</a>.
    </p>
  </section>
);
