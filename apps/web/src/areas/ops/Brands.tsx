import { useState } from 'react';
import { campaignApi } from '../../api/clients';
import { PLAN_NAMES } from '../../app/plans';
import { Link } from '../../app/router';
import { Field } from '../../ui/Field';
import { Layout } from '../../ui/Layout';
import { ShowMore } from '../../ui/ShowMore';
import { useLoad } from '../../ui/use-load';

/** The newest brands the API lists at most (its limit); a page of 50 at a time on screen. */
const NEWEST = 500;

/** Every brand with its plan and number of users, newest first; found by name or id. */
export function Brands() {
  const [search, setSearch] = useState('');
  const { data, error } = useLoad(
    () => campaignApi.GET('/ops/brands', { params: { query: { limit: NEWEST } } }),
    [],
  );
  const wanted = search.toLowerCase();
  const brands = (data?.items ?? []).filter(
    (brand) => !wanted || brand.name.toLowerCase().includes(wanted) || brand.id === search,
  );
  return (
    <Layout title="Brands">
      <form
        className="filters"
        aria-label="Find a brand"
        onSubmit={(event) => {
          event.preventDefault();
          setSearch(String(new FormData(event.currentTarget).get('search')).trim());
        }}
      >
        <Field label="Brand name or id" name="search" />
        <button type="submit">Find</button>
      </form>
      {error && <p role="alert">{error}</p>}
      {data && brands.length === 0 && <p>No brand here.</p>}
      <ShowMore
        key={search}
        items={brands}
        label="Brands"
        render={(brand) => (
          <li key={brand.id} className="row">
            <Link to={`/ops/brands/${encodeURIComponent(brand.id)}`}>{brand.name}</Link>
            <p className="meta">
              {PLAN_NAMES[brand.plan]} · {brand.userCount}{' '}
              {brand.userCount === 1 ? 'user' : 'users'} · since{' '}
              {new Date(brand.createdAt).toLocaleDateString()}
            </p>
          </li>
        )}
      />
    </Layout>
  );
}
