import { useTranslation } from 'react-i18next';

/**
 * main's own words (English, for logs and support) folded away under "Technical details": the
 * cashier reads the renderer's wording, an admin can still see exactly what main said.
 */
export function TechnicalDetail({ code, detail }: { code?: string; detail: string }) {
  const { t } = useTranslation();
  return (
    <details className="notice-technical">
      <summary>{t('errors.technical')}</summary>
      <dl>
        {code && (
          <>
            <dt>{t('errors.code')}</dt>
            <dd>{code}</dd>
          </>
        )}
        <dt>{t('errors.detail')}</dt>
        <dd>{detail}</dd>
      </dl>
    </details>
  );
}
