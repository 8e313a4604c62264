export default function Home() {
  return <main><h1>Palm Aire Court</h1></main>;
}
