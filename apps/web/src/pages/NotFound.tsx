import { Link } from '../app/router';
import { Layout } from '../ui/Layout';

export function NotFound() {
  return (
    <Layout title="Page not found">
      <p>
        There is no page here. <Link to="/">Go to the start</Link>.
      </p>
    </Layout>
  );
}
