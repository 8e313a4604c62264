// A unit's photo, or a local placeholder illustration of its type. Only same-origin images.

const placeholders: Record<string, string> = {
  TRAILER: "/images/units/trailer.svg",
  RV_SITE: "/images/units/rv-site.svg",
};

export function UnitPhoto({ src, type, alt, className }: { src: string | null; type: string; alt: string; className?: string }) {
  const local = src && src.startsWith("/") && !src.startsWith("//") ? src : null;
  const url = local ?? placeholders[type] ?? "/images/units/cottage.svg";
  return (
    // eslint-disable-next-line @next/next/no-img-element -- local SVGs; no optimisation needed
    <img className={`unit-photo ${className ?? ""}`} src={url} alt={alt} width={640} height={400} loading="lazy" decoding="async" />
  );
}
